// Chart.js with only what the radar needs (tree-shaken). Imported dynamically by RadarChart.svelte, so it is a
// chunk of its own and not part of the first load.
import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export { Chart };
