from nkarrivals.cli import entry

entry()
