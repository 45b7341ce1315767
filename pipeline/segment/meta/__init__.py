"""Metadata found in the article text: title, publication date and author pickers, and the ranker they share."""
