"""Date and number formats the portal gives a language instead of Django's (FORMAT_MODULE_PATH)."""
