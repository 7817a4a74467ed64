"""The hand-made fixture corpus: one module per department, truth written by hand in each spec."""
