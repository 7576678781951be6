"""Spreadsheet exports shared by every list and statistics page (see xlsx.py)."""
