from nkarrivals.cli import main

raise SystemExit(main())
