"""Dated data the calculators and the guide share (one place, shown with its date)."""
