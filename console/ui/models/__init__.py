"""Translation models: install and remove Argos packages."""
