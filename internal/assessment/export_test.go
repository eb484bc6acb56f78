package assessment

// GridSQL lets the benchmark time the heatmap's statement alone, beside the endpoint that wraps it.
const GridSQL = gridSQL
