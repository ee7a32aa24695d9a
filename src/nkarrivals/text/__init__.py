"""The text stage: chart words in English and Korean (i18n) and the rules of Korean text (korean)."""
