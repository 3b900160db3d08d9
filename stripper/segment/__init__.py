"""Segmenters: turn a decoded page into blocks."""
