"""The loop with the responsible units (交办 → 反馈 → 督促 → 销号).

:mod:`.dispatch` writes one feedback sheet per unit, :mod:`.collect` turns filled sheets
into update entries, :mod:`.remind` writes reminders; :mod:`.roster` says which tasks a
unit has and :mod:`.period` which week a sheet covers.
"""
