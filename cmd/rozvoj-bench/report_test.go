package main

import (
	"strings"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose: Percentile sorts a copy
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.95: 95 * time.Millisecond,
		0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond, 0.001: time.Millisecond} {
		if got := Percentile(ds, q); got != want {
			t.Errorf("p%v = %v, want %v", q*100, got, want)
		}
	}
	if ds[0] != 100*time.Millisecond {
		t.Errorf("the input was reordered: first %v", ds[0])
	}
	if got := Percentile(nil, 0.5); got != 0 {
		t.Errorf("p50 of nothing = %v", got)
	}
}

func TestComparisonRatioAndTables(t *testing.T) {
	c := Comparison{Name: "GET /teams/{id}/heatmap",
		API: []time.Duration{30 * time.Millisecond, 30 * time.Millisecond, 90 * time.Millisecond},
		SQL: []time.Duration{20 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond}}
	if r := c.Ratio(); r != 1.5 {
		t.Fatalf("ratio %v, want 1.5 (medians 30 ms / 20 ms)", r)
	}
	var b strings.Builder
	WriteComparisons(&b, []Comparison{c, {Name: "slow", API: []time.Duration{4 * time.Millisecond}, SQL: []time.Duration{time.Millisecond}}})
	out := b.String()
	if !strings.Contains(out, "| GET /teams/{id}/heatmap | 3 | 30.0 | 90.0 | 20.0 | 20.0 | 1.50 | yes |") ||
		!strings.Contains(out, "| slow | 1 | 4.0 | 4.0 | 1.0 | 1.0 | 4.00 | **no** |") {
		t.Errorf("comparison table:\n%s", out)
	}
	b.Reset()
	WriteLoad(&b, []Row{{Name: "heatmap", Count: 10, Errors: 1, P50: time.Millisecond, P95: 60 * time.Millisecond,
		P99: 70 * time.Millisecond, Target: 50 * time.Millisecond}, {Name: "me", Count: 5, P95: time.Millisecond}})
	out = b.String()
	if !strings.Contains(out, "| heatmap | 10 | 1 | 1.0 | 60.0 | 70.0 | < 50.0 | **no** |") ||
		!strings.Contains(out, "| me | 5 | 0 | 0.0 | 1.0 | 0.0 |  |  |") {
		t.Errorf("load table:\n%s", out)
	}
}
