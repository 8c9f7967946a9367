"""The window: thin Qt adapters over the `workbench` domain (models, panes, dialogs)."""
