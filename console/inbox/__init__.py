"""The merged inbox: ingesting messages into threads, listing and answering them."""
