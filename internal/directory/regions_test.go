package directory_test

import (
	"testing"

	"github.com/rozvoj/rozvoj/internal/directory"
)

func TestValidICO(t *testing.T) {
	for _, c := range []struct {
		ico  string
		want bool
		why  string
	}{
		{"00064581", true, "Hlavní město Praha"},
		{"70890749", true, "Kraj Vysočina"},
		{"00286010", true, "Město Třebíč"},
		{"00290629", true, "fixture OrgB"},
		{"05100046", true, "fixture provider"},
		{"00000001", true, "remainder 0 gives check digit 1"},
		{"00000019", true, "remainder 2 gives check digit 9"},
		{"00000060", true, "remainder 1 gives check digit 0"},
		{"00064582", false, "wrong check digit"},
		{"70890740", false, "wrong check digit"},
		{"12345678", false, "wrong check digit"},
		{"00000000", false, "remainder 0 needs check digit 1, not 0"},
		{"0006458A", false, "a letter"},
		{"A0064581", false, "a letter"},
		{"0006 581", false, "a space"},
		{"0064581", false, "seven digits"},
		{"000064581", false, "nine digits"},
		{"", false, "empty"},
		{"٠٠٠٦٤٥٨١", false, "non-ASCII digits"},
	} {
		t.Run(c.ico+" "+c.why, func(t *testing.T) {
			if got := directory.ValidICO(c.ico); got != c.want {
				t.Errorf("ValidICO(%q) = %v, want %v", c.ico, got, c.want)
			}
		})
	}
}

func TestIsRegion(t *testing.T) {
	if len(directory.Regions) != 14 {
		t.Fatalf("%d regions, want the 14 kraje", len(directory.Regions))
	}
	seen := map[string]bool{}
	for _, r := range directory.Regions {
		if !directory.IsRegion(r.Code) || seen[r.Code] || r.NameCS == "" || r.NameEN == "" {
			t.Errorf("region %+v", r)
		}
		seen[r.Code] = true
	}
	for _, code := range []string{"CZ010", "CZ063", "CZ080"} {
		if !directory.IsRegion(code) {
			t.Errorf("IsRegion(%q) = false", code)
		}
	}
	for _, code := range []string{"", "CZ0", "CZ000", "CZ099", "cz063", "CZ063 ", "CZ06", "SK010", "CZ030"} {
		if directory.IsRegion(code) {
			t.Errorf("IsRegion(%q) = true", code)
		}
	}
}
