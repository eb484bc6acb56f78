package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Row is one endpoint's line of the report: its latencies under the mixed load and how many answers failed.
type Row struct {
	Name          string
	Count         uint64
	Errors        uint64
	P50, P95, P99 time.Duration
	Target        time.Duration // the p95 PRODUCT.md §6 asks for, zero when it names none
}

// Comparison is an endpoint timed alone, request after request, beside the SQL it needs, in the same run.
type Comparison struct {
	Name     string
	API, SQL []time.Duration
}

// Percentile is the nearest-rank q-quantile (0 < q ≤ 1) of the durations, the same rank rule vegeta uses; zero
// for none. The input is left as it was.
func Percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(rank, 0), len(s)-1)]
}

// Ratio is the API's median over the SQL's median: PRODUCT.md §6 asks for at most 1.5.
func (c Comparison) Ratio() float64 {
	sql := Percentile(c.SQL, 0.5)
	if sql == 0 {
		return math.Inf(1)
	}
	return float64(Percentile(c.API, 0.5)) / float64(sql)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

// verdict says whether a measured value meets its target; empty when there is none.
func verdict(ok, hasTarget bool) string {
	switch {
	case !hasTarget:
		return ""
	case ok:
		return "yes"
	default:
		return "**no**"
	}
}

// WriteLoad prints the per-endpoint table as Markdown, so that a run's output goes into docs/performance.md as is.
func WriteLoad(w io.Writer, rows []Row) {
	fmt.Fprintln(w, "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | p95 target | met |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rows {
		target := ""
		if r.Target > 0 {
			target = "< " + ms(r.Target)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %s | %s | %s | %s | %s |\n", r.Name, r.Count, r.Errors, ms(r.P50), ms(r.P95), ms(r.P99),
			target, verdict(r.P95 < r.Target, r.Target > 0))
	}
}

// WriteComparisons prints the API-versus-SQL table as Markdown.
func WriteComparisons(w io.Writer, cs []Comparison) {
	fmt.Fprintln(w, "| endpoint (alone) | runs | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API/SQL (p50) | ≤ 1.5× |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	for _, c := range cs {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %.2f | %s |\n", c.Name, len(c.API), ms(Percentile(c.API, 0.5)),
			ms(Percentile(c.API, 0.95)), ms(Percentile(c.SQL, 0.5)), ms(Percentile(c.SQL, 0.95)), c.Ratio(),
			verdict(c.Ratio() <= 1.5, true))
	}
}
