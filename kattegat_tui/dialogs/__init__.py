"""The dashboard's modal dialogs: forms, confirmations, conflicts and help."""
