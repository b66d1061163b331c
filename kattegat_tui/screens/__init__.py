"""The dashboard's tabs and dialogs (Textual screens and tab panes)."""
