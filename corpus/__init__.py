"""Data shipped with brochure_extract (lexicon, context statistics, seed brochure); see README.md here."""
