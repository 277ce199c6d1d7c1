# plot.awk: the SVG plot of BENCHMARKS.md, time per fact against the number
# of facts (log x axis), from the bench's TSV lines:
#   size  what  wall_s  cpu_s  rss_kb  facts  sessions
# Usage: awk -f plot.awk na.tsv [voor.tsv] > plot.svg   (voor.tsv: dashed "voor" lines)
BEGIN {
    FS = "\t"
    W = 720; H = 420; L = 70; R = 190; T = 40; B = 50     # size and margins
    nseries = split("run|cpu,run|wall,rapport-html|cpu,rapport-json|cpu,status|cpu,status-nieuw|cpu", series, ",")
    split("#1f77b4,#aec7e8,#2ca02c,#d62728,#9467bd,#c5b0d5", colour, ",")
    xmin = 3; xmax = 6
}
FNR == 1 { file++ }
$1 > 0 && $6 > 0 {
    for (k = 1; k <= nseries; k++) {
        split(series[k], p, "|")
        if ($2 != p[1]) continue
        if (file == 2 && p[1] != "run") continue
        v = (p[2] == "cpu" ? $4 : $3) * 1e6 / $6
        key = file SUBSEP k
        n[key]++
        xs[key, n[key]] = log($6) / log(10)
        ys[key, n[key]] = v
        if (v > ymax) ymax = v
        if (xs[key, n[key]] < xmin) xmin = int(xs[key, n[key]] + 1e-9)
        if (xs[key, n[key]] > xmax) xmax = int(xs[key, n[key]] - 1e-9) + 1
    }
}
function px(x) { return L + (x - xmin) / (xmax - xmin) * (W - L - R) }
function py(y) { return H - B - y / ymax * (H - T - B) }
END {
    ymax = ymax > 0 ? ymax * 1.1 : 1
    step = 10 ^ int(log(ymax / 5) / log(10)); if (ymax / step > 10) step *= 2; if (ymax / step > 10) step *= 2.5
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " \
           "font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
    printf "<text x=\"%d\" y=\"22\" font-size=\"14\">Tijd per feit (µs) tegen het aantal feiten</text>\n", L
    for (y = 0; y <= ymax; y += step) {
        printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, py(y), W - R, py(y)
        printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n", L - 6, py(y) + 4, y
    }
    for (x = xmin; x <= xmax; x++) {
        printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", px(x), T, px(x), H - B
        printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">10<tspan dy=\"-6\" font-size=\"9\">%d</tspan></text>\n", \
               px(x), H - B + 18, x
    }
    printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">feiten (bijdragen, stemmen, plaatsingen, besluiten)</text>\n", \
           (L + W - R) / 2, H - 10
    printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, H - B, W - R, H - B
    printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", L, T, L, H - B
    legend = 0
    for (f = 2; f >= 1; f--)
        for (k = 1; k <= nseries; k++) {
            key = f SUBSEP k
            if (!(key in n)) continue
            split(series[k], p, "|")
            dash = f == 2 ? " stroke-dasharray=\"6 4\"" : ""
            pts = ""
            for (i = 1; i <= n[key]; i++) pts = pts sprintf("%.1f,%.1f ", px(xs[key, i]), py(ys[key, i]))
            printf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", pts, colour[k], dash
            for (i = 1; i <= n[key]; i++)
                printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", px(xs[key, i]), py(ys[key, i]), colour[k]
            ly = T + 10 + 20 * legend++
            printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", \
                   W - R + 12, ly, W - R + 36, ly, colour[k], dash
            printf "<text x=\"%d\" y=\"%d\">%s (%s)%s</text>\n", W - R + 42, ly + 4, p[1], p[2] == "cpu" ? "CPU" : "wand", \
                   f == 2 ? ", voor" : ""
        }
    print "</svg>"
}
