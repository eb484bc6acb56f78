package paper

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func realisticAttendance(n int) AttendanceDoc {
	d := AttendanceDoc{
		CourseTitle:         "Pěstounská péče na přechodnou dobu v praxi",
		AccreditationNumber: "A2024/0123-SP/PC/PP",
		ProviderName:        "Vzdělávací centrum Vysočina, z. ú.",
		Place:               "Žďár nad Sázavou, Náměstí Republiky 1, zasedací místnost č. 204",
		Lecturer:            "PhDr. Řehoř Ďurďovič, Ph.D.",
		// 8:00 UTC in March is 9:00 in Prague (CET).
		StartsAt:  time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC),
		EndsAt:    time.Date(2026, 3, 3, 15, 30, 0, 0, time.UTC),
		PrintedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC),
	}
	for i := 1; i <= n; i++ {
		d.Rows = append(d.Rows, AttendanceRow{
			Name:         fmt.Sprintf("Mgr. Zdeňka Křížová-Šťastná %d", i),
			Organization: "Městský úřad Žďár nad Sázavou, odbor sociálních věcí",
			Email:        fmt.Sprintf("ucastnik%d@zdarns.cz", i),
		})
	}
	return d
}

func attendancePDF(t testing.TB, d AttendanceDoc) []byte {
	return render(t, func(b *bytes.Buffer) error { return WriteAttendanceSheet(b, d) })
}

const attendanceHeader = "č. Jméno a příjmení Organizace Podpis – příchod Podpis – odchod"

func TestAttendanceSheetPrintsTheSessionAndItsParticipants(t *testing.T) {
	pdf := attendancePDF(t, realisticAttendance(3))
	pp := pages(t, pdf)
	if len(pp) != 1 {
		t.Fatalf("three participants take %d pages", len(pp))
	}
	mustContain(t, pp[0],
		"Prezenční listina Pěstounská péče na přechodnou dobu v praxi",
		"Č. akreditace MPSV: A2024/0123-SP/PC/PP",
		"Vzdělávací instituce: Vzdělávací centrum Vysočina, z. ú.",
		"Termín: úterý 3. 3. 2026, 9:00–16:30",
		"Místo konání: Žďár nad Sázavou, Náměstí Republiky 1, zasedací místnost č. 204",
		"Lektor/lektorka: PhDr. Řehoř Ďurďovič, Ph.D.",
		attendanceHeader,
		"1. Mgr. Zdeňka Křížová-Šťastná 1 ucastnik1@zdarns.cz Městský úřad Žďár nad Sázavou, odbor sociálních věcí 2.",
		"3. Mgr. Zdeňka Křížová-Šťastná 3",
		"Počet přihlášených účastníků: 3",
		"Lektor/lektorka: …………………………………………… Datum: …………………… PhDr. Řehoř Ďurďovič, Ph.D.",
		"Prezenční listina – 3. 3. 2026 – vytištěno 1. 3. 2026 Strana 1 z 1",
	)
	mustContain(t, poppler(t, pdf, "pdfinfo", "-"),
		"Title:           Prezenční listina – Pěstounská péče na přechodnou dobu v praxi – 3. 3. 2026",
		"Page size:       841.89 x 595.28 pts (A4)") // landscape: wide signature cells
}

// 60 participants span pages; each page after the first starts with the caption and the header row, and every
// participant is printed exactly once.
func TestAttendanceSheetOf60SpansPagesWithTheHeaderRepeated(t *testing.T) {
	pp := pages(t, attendancePDF(t, realisticAttendance(60)))
	if len(pp) < 4 {
		t.Fatalf("60 signature rows fit on %d pages; expected at least four", len(pp))
	}
	all := strings.Join(pp, " ")
	for i, p := range pp {
		footer := fmt.Sprintf("Prezenční listina – 3. 3. 2026 – vytištěno 1. 3. 2026 Strana %d z %d", i+1, len(pp))
		if !strings.HasSuffix(p, footer) {
			t.Errorf("page %d lacks its footer: %q", i+1, p[max(0, len(p)-120):])
		}
		if i > 0 && !strings.HasPrefix(p, "Prezenční listina – 3. 3. 2026 (pokračování) "+attendanceHeader+" ") {
			t.Errorf("page %d does not start with the caption and header row: %.160q", i+1, p)
		}
	}
	if n := strings.Count(all, attendanceHeader); n != len(pp) {
		t.Errorf("the header row is printed %d times on %d pages", n, len(pp))
	}
	for i := 1; i <= 60; i++ {
		if n := strings.Count(all, fmt.Sprintf(" %d. Mgr. Zdeňka Křížová-Šťastná %d ", i, i)); n != 1 {
			t.Errorf("participant %d printed %d times", i, n)
		}
	}
	mustContain(t, pp[len(pp)-1], "Počet přihlášených účastníků: 60", "Lektor/lektorka: ……")
}

func TestAttendanceTimesArePragueTime(t *testing.T) {
	for _, c := range []struct {
		from, to time.Time
		want     string
	}{
		// summer time: 7:00 UTC is 9:00 CEST
		{time.Date(2026, 7, 1, 7, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 14, 0, 0, 0, time.UTC), "středa 1. 7. 2026, 9:00–16:00"},
		// two days; 23:30 UTC on the 1st is already the 2nd in Prague
		{time.Date(2026, 7, 1, 7, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC),
			"středa 1. 7. 2026, 9:00 – čtvrtek 2. 7. 2026, 1:30"},
		{time.Date(2026, 11, 23, 12, 15, 0, 0, time.UTC), time.Time{}, "pondělí 23. 11. 2026, 13:15"},
	} {
		if got := czTimes(c.from, c.to); got != c.want {
			t.Errorf("czTimes(%v, %v) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// A participant without an e-mail or organisation still gets a row high enough to sign in: 60 one-line rows
// take as many pages as 60 rows of name and e-mail. An empty list still prints, for walk-ins.
func TestAttendanceSheetSparseRows(t *testing.T) {
	full := realisticAttendance(60)
	bare := realisticAttendance(60)
	for i := range bare.Rows {
		bare.Rows[i].Email, bare.Rows[i].Organization = "", ""
	}
	if a, b := len(pages(t, attendancePDF(t, full))), len(pages(t, attendancePDF(t, bare))); a != b {
		t.Errorf("60 rows take %d pages with e-mails and %d without: a bare row is too low to sign in", a, b)
	}

	d := realisticAttendance(0)
	d.Rows = []AttendanceRow{{Name: "Jan Novák"}}
	mustContain(t, pages(t, attendancePDF(t, d))[0], attendanceHeader+" 1. Jan Novák Počet přihlášených účastníků: 1")
	d.Rows = nil
	mustContain(t, pages(t, attendancePDF(t, d))[0], "Počet přihlášených účastníků: 0")
}

func TestSameAttendanceSheetSameBytes(t *testing.T) {
	if !bytes.Equal(attendancePDF(t, realisticAttendance(60)), attendancePDF(t, realisticAttendance(60))) {
		t.Error("the same attendance sheet printed to different bytes")
	}
}

func BenchmarkWriteAttendanceSheet60(b *testing.B) {
	d := realisticAttendance(60)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteAttendanceSheet(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
