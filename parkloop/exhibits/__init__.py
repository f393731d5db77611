"""Pure page logic of the exhibits (no Streamlit): what each page computes from model results."""
