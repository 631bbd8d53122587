/** Inline SVG charts drawn on the server (no chart library, no script): bars by category, closures over time. */
import { html, type SafeHtml } from './html';

export function barChart(title: string, data: ReadonlyArray<{ key: string; count: number }>): SafeHtml {
  const rowHeight = 26;
  const labelWidth = 120;
  const barWidth = 360;
  const max = Math.max(1, ...data.map((d) => d.count));
  const height = Math.max(1, data.length) * rowHeight + 10;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg role="img" aria-label="${title}" width="${labelWidth + barWidth + 50}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}">
${data.map((d, i) => {
  const y = i * rowHeight + 5;
  const w = Math.round((d.count / max) * barWidth);
  return html`<g class="bar"><text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${d.key}</text><rect x="${labelWidth}" y="${y}" width="${w}" height="${rowHeight - 8}" fill="#c0392b"></rect><text x="${labelWidth + w + 6}" y="${y + 16}">${d.count}</text></g>`;
})}
${data.length === 0 ? html`<text x="10" y="20">暂无数据</text>` : ''}
</svg></figure>`;
}

export function lineChart(title: string, points: ReadonlyArray<{ date: string; cumulative: number }>): SafeHtml {
  const width = 520;
  const height = 200;
  const pad = 36;
  if (points.length === 0) {
    return html`<figure class="chart"><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" width="${width}" height="40"><text x="10" y="24">暂无销号记录</text></svg></figure>`;
  }
  const t0 = Date.parse(points[0]!.date);
  const span = Math.max(1, Date.parse(points[points.length - 1]!.date) - t0);
  const max = Math.max(1, ...points.map((p) => p.cumulative));
  const xy = points.map(
    (p) => [pad + ((Date.parse(p.date) - t0) / span) * (width - 2 * pad), height - pad - (p.cumulative / max) * (height - 2 * pad)] as const,
  );
  const path = xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"></line>
<path d="${path}" fill="none" stroke="#c0392b" stroke-width="2"></path>
${xy.map(([x, y], i) => html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="#c0392b"><title>${points[i]!.date}：累计 ${points[i]!.cumulative} 项</title></circle>`)}
<text x="${pad}" y="${height - 10}">${points[0]!.date}</text><text x="${width - pad}" y="${height - 10}" text-anchor="end">${points[points.length - 1]!.date}</text>
<text x="4" y="${pad}">${max}</text>
</svg></figure>`;
}
