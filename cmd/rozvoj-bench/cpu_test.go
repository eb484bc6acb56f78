package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCPUShares: four seconds of wall time on 2 CPUs with 6 s busy, of which the server 3 s and the generator 1 s.
func TestCPUShares(t *testing.T) {
	var b strings.Builder
	before := cpuSample{busy: 1000, idle: 5000, server: 200, self: 50}
	after := cpuSample{busy: 1000 + 600, idle: 5000 + 200, server: 200 + 300, self: 50 + 100}
	WriteCPU(&b, before, after, 2)
	want := "all 1.50; the server 0.75; the load generator 0.25; PostgreSQL and the rest 0.50."
	if !strings.Contains(b.String(), want) {
		t.Fatalf("got %q, want …%s", b.String(), want)
	}
}

// TestReadsProc: this process uses CPU, the machine at least as much, and /proc says so.
func TestReadsProc(t *testing.T) {
	start, err := sampleCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	x, deadline := 0, time.Now().Add(5*time.Second)
	for c := start; c.self < start.self+3; {
		for i := range 10_000_000 {
			x ^= i
		}
		if time.Now().After(deadline) {
			t.Fatalf("no CPU time counted in 5 s of work (%d): %+v", x, c)
		}
		if c, err = sampleCPU(os.Getpid()); err != nil {
			t.Fatal(err)
		}
		if c.server != c.self || c.busy < c.self || c.idle == 0 {
			t.Fatalf("%+v", c)
		}
	}
	if _, err := processTicks(strconv.Itoa(1 << 30)); err == nil {
		t.Fatal("a process that does not exist has CPU time")
	}
}

// TestSeqScans finds the sequential scans at any depth of a JSON plan, and nothing in what is not one.
func TestSeqScans(t *testing.T) {
	plan := `[{"Plan": {"Node Type": "Hash Join", "Plans": [
		{"Node Type": "Seq Scan", "Relation Name": "attendance"},
		{"Node Type": "Hash", "Plans": [{"Node Type": "Index Scan", "Relation Name": "registrations"},
			{"Node Type": "Seq Scan", "Relation Name": "courses"}]}]}}]`
	if got := seqScans(plan); strings.Join(got, ",") != "attendance,courses" {
		t.Fatalf("got %v", got)
	}
	if got := seqScans("not json"); got != nil {
		t.Fatalf("got %v", got)
	}
	var b strings.Builder
	WritePlans(&b, []Plan{{Name: "heatmap", Hot: true, Statements: 2, SeqScans: []string{"attendance (372437 rows)"}},
		{Name: "indicators", Statements: 9}})
	if !strings.Contains(b.String(), "| heatmap | hot | 2 | **attendance (372437 rows)** |") ||
		!strings.Contains(b.String(), "| indicators | report | 9 | none |") {
		t.Fatal(b.String())
	}
}
