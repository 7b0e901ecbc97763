"""Reports built as :class:`plan_tui.docs.document.Document`: the weekly report (周报) and
the monthly and quarterly bulletins (月度/季度通报)."""
