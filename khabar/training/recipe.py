"""The packaged NER model's training recipe: feature set, CRF stages, crfsuite parameters.

Chosen by dev F1 among the variants listed in khabar/resources/ner/MODEL_CARD.md.
A module of constants only, so ``khabar train ner --help`` shows them without
loading the trainer.
"""

STAGES = 2
# Stage 2 learns from stage-1 tags of documents the tagging model did not see: an inner k-fold of the training
# documents for each k listed, (2,) the halves (khabar train ner --stage2-folds; MODEL_CARD.md, "Cross-validation").
STAGE2_FOLDS = (2,)
FEATURE_SET = "full"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}

# The neural backend's recipe (khabar train ner --backend neural): screened on one fold, then measured and
# compared with a word-dropout variant by 5-fold CV (MODEL_CARD.md, "The neural backend").
# The epoch budget is fixed: nothing is stopped early on held-out data.
NEURAL = {"epochs": 25, "batch": 16, "lr": 0.002, "decay": 0.05, "clip": 5.0, "dropout": 0.5, "word_dropout": 0.1,
          "hidden": 64, "char_dim": 32, "char_filters": 64, "cluster_dim": 16, "gaz_dim": 16, "clusters": True, "tune_min": 0, "seed": 1,
          # stage 2: the CRF's document-level stage over the neural tags (crfsuite PARAMS), learnt from neural tags of
          # held-out halves; "stage2_marginal": stage 2 also sees stage 1's binned marginal (chosen on CV fold 1, MODEL_CARD.md)
          "stages": 2, "stage2_marginal": False}

# The ensemble backend's recipe (khabar train ner --backend ensemble): the CRF stage 1 (FEATURE_SET, PARAMS, name
# swaps) and the neural stage 1 (NEURAL), and one stage 2 (crfsuite PARAMS) over both taggers' tags; "variant"
# (khabar.ner.ensemble.VARIANTS) chosen on CV fold 1 among the three screened (MODEL_CARD.md, "The ensemble backend").
ENSEMBLE = {"variant": "both+marginals"}
