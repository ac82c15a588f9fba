"""Story judgement: clustering articles into stories (``cluster``, ``similarity``), their claims,
brief and quotes (``claims``, ``brief``, ``who_said``), ids kept across runs (``ids``) and the
rows the store saves (``saved``); ``build`` puts these together."""
