"""The packaged NER model's training recipe: feature set, CRF stages, crfsuite parameters.

Chosen by dev F1 among the variants listed in khabar/resources/ner/MODEL_CARD.md.
A module of constants only, so ``khabar train ner --help`` shows them without
loading the trainer.
"""

STAGES = 2
FEATURE_SET = "full"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
