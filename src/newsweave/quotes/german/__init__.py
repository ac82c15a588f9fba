"""German rules of the quote extractor, one module per concern: ``acts`` (speech acts reported
without their words), ``boundaries`` (where reported speech begins and ends), ``speakers`` (who
the speaker is in German sentence patterns), ``clauses`` (clauses of speech found from their
grammar), ``sentences`` (speech over several sentences, quoted names); ``syntax`` holds what
several of them read.

They read HanTa's German part-of-speech tags (``quotes.grammar``) or German words, and follow
german_news_quotes' annotation: reported speech is one quote per sentence or clause, a reported
speech act ("Die Gewerkschaft kritisierte den Plan.") is a quote, free indirect speech runs over
sentences. ``extract`` runs them as passes of its German list (``extract.PASSES``).
"""
