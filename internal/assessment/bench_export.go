package assessment

// HeatmapSQL is the heatmap's one statement (arguments: framework ID, bun.In of the people), exported so that
// the load harness and the benchmark can time it alone beside the endpoint that wraps it.
var HeatmapSQL = gridSQL
