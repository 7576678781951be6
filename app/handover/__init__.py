"""材料交接签收: the window hands the paper materials of an accepted case to the handling department, whose
staff sign them off; unsigned handovers older than a day are flagged for the window."""
