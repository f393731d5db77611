"""The yardstick of the exhibit benchmark: a Streamlit page with one slider and nothing else."""

import streamlit as st

value = st.slider("value", 0, 100, 50, key="url-x")
st.write(value)
