// Charts as files for a report (PRODUCT: "charts as PNG/SVG where the UI draws them"). An SVG chart is written out
// as drawn, with the styles it takes from the page's CSS copied onto each element (a file has no stylesheet) and its
// title above it; its PNG is that SVG rendered at twice the size on white. A canvas chart is a PNG of its canvas.

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The computed properties that decide how the charts look; everything else keeps its SVG default. */
const STYLE = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'font-style'];
/** Room above the drawing for the title. */
const TITLE_HEIGHT = 28;

/** A title line's height. */
const TITLE_LINE = 18;

/** The words of a title broken into lines that fit `width` in `font`, measured as a canvas would draw them. */
function titleLines(title: string, font: string, width: number): string[] {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return [title];
  ctx.font = font;
  const lines: string[] = [];
  for (const word of title.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The chart's size in its own units (its viewBox), and the room its title's lines take above it. */
function sizeOf(svg: SVGSVGElement, lines: number): { width: number; height: number; top: number } {
  const box = svg.viewBox.baseVal;
  const width = box && box.width ? box.width : svg.clientWidth;
  const height = box && box.height ? box.height : svg.clientHeight;
  const top = TITLE_HEIGHT + (lines - 1) * TITLE_LINE;
  return { width, height: height + top, top };
}

/** The font of a chart's title, and its lines within the chart's width. */
function titleOf(svg: SVGSVGElement, title: string): { family: string; lines: string[] } {
  const family = getComputedStyle(svg).fontFamily;
  const box = svg.viewBox.baseVal;
  const width = (box && box.width ? box.width : svg.clientWidth) - 20;
  return { family, lines: titleLines(title, `600 14px ${family}`, width) };
}

/** The chart as a standalone SVG document, titled. */
export function svgDocument(svg: SVGSVGElement, title: string): string {
  // Presentation attributes rather than style attributes: the page's Content-Security-Policy forbids inline
  // styles, and an attribute says the same to any SVG reader.
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const computed = getComputedStyle(el);
    for (const p of STYLE) to[i].setAttribute(p, computed.getPropertyValue(p));
    to[i].removeAttribute('class');
  });
  const { family, lines } = titleOf(svg, title);
  const { width, height, top } = sizeOf(svg, lines.length);
  const box = svg.viewBox.baseVal;
  const x = box?.x ?? 0;
  const y = box?.y ?? 0;
  const drawing = document.createElementNS(SVG_NS, 'g');
  drawing.setAttribute('transform', `translate(0 ${top})`);
  drawing.append(...copy.childNodes);
  const paper = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x, y, width, height, fill: '#fff' })) paper.setAttribute(k, String(v));
  const heading = document.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries({ 'font-family': family, 'font-size': 14, 'font-weight': 600, fill: '#1a1a1a' })) {
    heading.setAttribute(k, String(v));
  }
  lines.forEach((text, i) => {
    const line = document.createElementNS(SVG_NS, 'tspan');
    line.setAttribute('x', String(x + 10));
    line.setAttribute('y', String(y + 18 + i * TITLE_LINE));
    line.textContent = text;
    heading.append(line);
  });
  const label = document.createElementNS(SVG_NS, 'title');
  label.textContent = title;
  copy.append(label, paper, heading, drawing);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
  return new XMLSerializer().serializeToString(copy);
}

/**
 * A picture drawn on a new canvas, as a PNG on white (a canvas is transparent where nothing is drawn). `width` may
 * depend on the words to be drawn, so it is a function of a context that can measure them.
 */
function png(draw: (ctx: CanvasRenderingContext2D) => void, width: number | ((ctx: CanvasRenderingContext2D) => number), height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));
  canvas.width = Math.ceil(typeof width === 'number' ? width : width(ctx));
  canvas.height = height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, height);
  draw(ctx);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}

/** The SVG chart, titled, as a PNG twice its own size. */
export async function svgPng(svg: SVGSVGElement, title: string): Promise<Blob> {
  const { width, height } = sizeOf(svg, titleOf(svg, title).lines.length);
  // A data: URL, which the page's Content-Security-Policy lets images load from (a blob: URL it does not).
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgDocument(svg, title))}`;
  await img.decode();
  return png((ctx) => ctx.drawImage(img, 0, 0, width * 2, height * 2), width * 2, height * 2);
}

/** A line of a canvas chart's legend, which the page draws beside the canvas rather than in it. */
export interface LegendLine {
  label: string;
  color: string;
  dashed: boolean;
}

/** A canvas chart (the radar) as a PNG: its title, the canvas, and its legend below, so the picture reads alone. */
export function canvasPng(canvas: HTMLCanvasElement, title: string, legend: readonly LegendLine[]): Promise<Blob> {
  // The canvas is drawn at the screen's pixel ratio; the words follow it.
  const ratio = canvas.clientWidth ? canvas.width / canvas.clientWidth : 1;
  const margin = 12 * ratio;
  const line = 22 * ratio;
  const family = getComputedStyle(canvas).fontFamily;
  const titleFont = `600 ${14 * ratio}px ${family}`;
  const legendFont = `${13 * ratio}px ${family}`;
  const top = margin + TITLE_HEIGHT * ratio;
  const height = top + canvas.height + line * legend.length + margin;
  // As wide as the chart, or as its longest words where they are wider.
  const width = (ctx: CanvasRenderingContext2D) => {
    ctx.font = titleFont;
    let widest = ctx.measureText(title).width;
    ctx.font = legendFont;
    for (const l of legend) widest = Math.max(widest, 36 * ratio + ctx.measureText(l.label).width);
    return 2 * margin + Math.max(canvas.width, widest);
  };
  return png(
    (ctx) => {
      ctx.fillStyle = '#1a1a1a';
      ctx.font = titleFont;
      ctx.fillText(title, margin, margin + 18 * ratio);
      ctx.drawImage(canvas, margin, top);
      ctx.font = legendFont;
      legend.forEach((l, i) => {
        const y = top + canvas.height + line * i + 14 * ratio;
        ctx.strokeStyle = l.color;
        ctx.lineWidth = 2 * ratio;
        ctx.setLineDash(l.dashed ? [6 * ratio, 4 * ratio] : []);
        ctx.beginPath();
        ctx.moveTo(margin, y - 4 * ratio);
        ctx.lineTo(margin + 28 * ratio, y - 4 * ratio);
        ctx.stroke();
        ctx.fillStyle = '#1a1a1a';
        ctx.fillText(l.label, margin + 36 * ratio, y);
      });
    },
    width,
    Math.ceil(height),
  );
}
