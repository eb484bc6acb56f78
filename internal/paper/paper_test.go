package paper

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"
)

func lvl(n int) Level { return &n }

var printed = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

var domainTitles = []string{
	"Ochrana dítěte a posuzování rizik",
	"Práce s rodinou a sítí",
	"Komunikace s dítětem",
	"Právní rámec sociálně-právní ochrany",
	"Spolupráce s institucemi a soudem",
	"Náhradní rodinná péče",
	"Práce s mladistvými a kurately",
	"Dokumentace a vedení spisu",
	"Péče o sebe a profesní rozvoj",
}

const longEvidence = "Vedla jsem případové konference u čtyř rodin, kde hrozilo odebrání dítěte; u dvou z nich se " +
	"podařilo dohodnout plán ochrany dítěte bez soudního řízení. Absolvovala jsem kurz „Posuzování ohrožení " +
	"dítěte“ (24 hodin výuky, akreditace A2024/0123-SP/PC/PP) a pravidelně konzultuji složité případy s " +
	"kolegyní z oddělení náhradní rodinné péče. Přiložené záznamy ze supervize dokládají, že postup umím " +
	"zdůvodnit i před soudem – zejména u dětí ve věku 6–12 let, kde pracuji s technikou „tří domů“."

const longComment = "Souhlasím s vlastním hodnocením; při společném projednání jsme však zjistili, že u " +
	"rodin s dlouhodobým zadlužením je potřeba důsledněji zapojovat dluhové poradenství. Doporučuji stáž " +
	"v Plzni a účast na týmové supervizi, kde se složité případy probírají čtvrtletně."

// realisticAssessment is what a Czech OSPOD worker's agreed assessment looks like: 9 domains of 5
// competencies, long texts with every Czech diacritic, some competencies not applicable.
func realisticAssessment() AssessmentDoc {
	d := AssessmentDoc{
		Person: Person{
			Name:         "Mgr. Zdeňka Křížová-Šťastná",
			Position:     "sociální pracovnice OSPOD",
			Organization: "Městský úřad Žďár nad Sázavou",
			Team:         "Oddělení sociálně-právní ochrany dětí",
		},
		Lead:             "Bc. Řehoř Ďurďovič",
		FrameworkTitle:   "Kompetenční model sociální práce v SPOD",
		FrameworkVersion: "2026.1",
		SubmittedAt:      time.Date(2026, 11, 2, 10, 15, 0, 0, time.UTC),
		ReviewedAt:       time.Date(2026, 11, 16, 14, 0, 0, 0, time.UTC),
		AgreedAt:         time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), // 23. 11. in Prague
		LeadComment: "Zdeňka je oporou týmu v práci s rodinami v krizi. Pro příští rok jsme se dohodli na " +
			"rozvoji v oblasti náhradní rodinné péče a právního rámce; individuální plán vzdělávání na to " +
			"navazuje. Úroveň dokumentace je příkladná, ať ji ukáže i novým kolegům.",
		PrintedAt: printed,
	}
	for i, title := range domainTitles {
		dom := DomainRows{Code: fmt.Sprintf("K%d", i+1), Title: title}
		for j := 1; j <= 5; j++ {
			r := CompetencyRow{
				Code:          fmt.Sprintf("K%d.%d", i+1, j),
				Title:         fmt.Sprintf("%s – dovednost č. %d: řídí se zájmem dítěte a ověřuje údaje", title, j),
				SelfLevel:     lvl(1 + (i+j)%4),
				AgreedLevel:   lvl(1 + (i+j+1)%4),
				ExpectedLevel: lvl(3),
			}
			switch {
			case i == 5 && j >= 4: // NRP work this office does not do
				r.SelfLevel, r.SelfNotApplicable, r.AgreedLevel, r.ExpectedLevel = nil, true, nil, nil
			case j == 2:
				r.Evidence = longEvidence
			case j == 3:
				r.LeadComment = longComment
			}
			dom.Rows = append(dom.Rows, r)
		}
		d.Domains = append(d.Domains, dom)
	}
	return d
}

func realisticPlan() PlanDoc {
	approved := time.Date(2027, 1, 12, 8, 0, 0, 0, time.UTC)
	done := time.Date(2027, 3, 20, 16, 0, 0, 0, time.UTC)
	closed := time.Date(2027, 12, 30, 12, 0, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, time.UTC) }
	return PlanDoc{
		Person:      realisticAssessment().Person,
		Lead:        "Bc. Řehoř Ďurďovič",
		PeriodStart: day(time.January, 1), PeriodEnd: day(time.December, 31),
		State: "closed", ApprovedAt: &approved, ApprovedBy: "Bc. Řehoř Ďurďovič",
		Note: "Plán navazuje na sebehodnocení z listopadu 2026: posílit práci s náhradními rodinami a jistotu " +
			"v právním rámci.",
		Goals: []Goal{
			{Competency: "K6.2 Příprava žadatelů o náhradní rodinnou péči", CurrentLevel: lvl(1), TargetLevel: 3,
				Reason: "Oddělení přebírá agendu pěstounské péče na přechodnou dobu; chybí zkušenost s přípravou žadatelů."},
			{Competency: "K4.1 Správní řízení a zákon o SPOD", CurrentLevel: lvl(2), TargetLevel: 3,
				Reason: "Častější účast u soudu vyžaduje jistotu v procesních lhůtách."},
			{Competency: "K9.3 Psychohygiena", CurrentLevel: nil, TargetLevel: 2, Reason: "Nově sledovaná kompetence."},
		},
		Actions: []Action{
			{Kind: "course", Title: "Kurz „Pěstounská péče na přechodnou dobu v praxi“", DueOn: day(time.March, 15),
				DoneAt: &done, Evidence: "Osvědčení č. 2027/041, 16 hodin výuky", Goal: "K6.2 Příprava žadatelů o náhradní rodinnou péči"},
			{Kind: "supervision", Title: "Týmová supervize jednou za čtvrtletí", DueOn: day(time.December, 15)},
			{Kind: "mentoring", Title: "Mentoring s kolegyní z NRP", DueOn: day(time.June, 30)},
			{Kind: "shadowing", Title: "Stáž na Krajském úřadě Kraje Vysočina, odbor sociálních věcí", DueOn: day(time.May, 31),
				Goal: "K6.2 Příprava žadatelů o náhradní rodinnou péči"},
			{Kind: "self_study", Title: "Samostudium judikatury Nejvyššího soudu k § 16 zákona o SPOD", DueOn: day(time.September, 30),
				Goal: "K4.1 Správní řízení a zákon o SPOD"},
			{Kind: "other", Title: "Účast na krajské poradě OSPOD", DueOn: day(time.October, 10)},
		},
		Evaluation: "Cíle v oblasti NRP byly splněny; pracovnice samostatně vede přípravu dvou žadatelských párů. " +
			"Právní rámec: samostudium proběhlo jen zčásti, přesouváme do plánu na rok 2028.",
		ClosedAt:  &closed,
		PrintedAt: printed,
	}
}

// poppler runs one of poppler-utils' programs on a PDF given on its standard input ("-" in args). Locally the test may skip without them; in CI it fails,
// because .ci/run installs them and a skip there would hide that the PDFs were never read back.
func poppler(t testing.TB, pdf []byte, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: CI must install poppler-utils", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils)", name)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(pdf), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", name, err, stderr.String())
	}
	// poppler reports a damaged file (bad xref, broken streams, unknown fonts) on stderr and carries on.
	if stderr.Len() > 0 {
		t.Fatalf("%s complains about the PDF: %s", name, stderr.String())
	}
	return stdout.String()
}

var spaces = regexp.MustCompile(`\s+`)

// pages returns the text of each page with runs of white space made one space, so wrapped text reads as one.
func pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	text := poppler(t, pdf, "pdftotext", "-raw", "-enc", "UTF-8", "-", "-")
	out := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	for i, p := range out {
		out[i] = strings.TrimSpace(spaces.ReplaceAllString(p, " "))
	}
	return out
}

func render(t testing.TB, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
		t.Fatalf("not a PDF: %q … %q", b[:min(len(b), 16)], b[max(0, len(b)-16):])
	}
	return b
}

func assessmentPDF(t testing.TB, d AssessmentDoc) []byte {
	return render(t, func(b *bytes.Buffer) error { return WriteAssessment(b, d) })
}

func planPDF(t testing.TB, d PlanDoc) []byte {
	return render(t, func(b *bytes.Buffer) error { return WritePlan(b, d) })
}

func mustContain(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q", w)
		}
	}
}

func TestAssessmentPrintsEveryCompetencyInCzech(t *testing.T) {
	pdf := assessmentPDF(t, realisticAssessment())
	pp := pages(t, pdf)
	if len(pp) < 3 {
		t.Fatalf("45 competencies with their notes fit on %d pages; expected several", len(pp))
	}
	all := strings.Join(pp, " ")
	mustContain(t, all,
		"Sebehodnocení a dohodnuté úrovně kompetencí",
		"Kompetenční model: Kompetenční model sociální práce v SPOD, verze 2026.1",
		"Jméno: Mgr. Zdeňka Křížová-Šťastná",
		"Pozice: sociální pracovnice OSPOD",
		"Organizace: Městský úřad Žďár nad Sázavou",
		"Tým: Oddělení sociálně-právní ochrany dětí",
		"Vedoucí: Bc. Řehoř Ďurďovič",
		"Odesláno vedoucímu: 2. 11. 2026",
		"Projednáno vedoucím: 16. 11. 2026",
		"Dohodnuto: 23. 11. 2026", // 23:30 UTC on the 22nd is past midnight in Prague
		"K6 Náhradní rodinná péče",
		// a row: code, title, own, agreed, expected level and the gap (expected − agreed)
		"K1.1 Ochrana dítěte a posuzování rizik – dovednost č. 1: řídí se zájmem dítěte a ověřuje údaje 2 3 3 0",
		"K1.2 Ochrana dítěte a posuzování rizik – dovednost č. 2: řídí se zájmem dítěte a ověřuje údaje 3 4 3 −1",
		"K1.3 Ochrana dítěte a posuzování rizik – dovednost č. 3: řídí se zájmem dítěte a ověřuje údaje 4 1 3 +2",
		"K6.4 Náhradní rodinná péče – dovednost č. 4: řídí se zájmem dítěte a ověřuje údaje neuplatňuje se neuplatňuje se — —",
		"Doklady pracovníka: "+longEvidence,
		"Komentář vedoucího: "+longComment,
		"Celkový komentář vedoucího",
		"Úroveň dokumentace je příkladná, ať ji ukáže i novým kolegům.",
		"Pracovník/pracovnice: ……",
		"Vedoucí: ……",
		"Datum: ……",
	)
	for i := 1; i <= 9; i++ {
		for j := 1; j <= 5; j++ {
			if code := fmt.Sprintf(" K%d.%d ", i, j); strings.Count(all, code) != 1 {
				t.Errorf("competency%sprinted %d times", code, strings.Count(all, code))
			}
		}
	}
	for i, p := range pp {
		footer := fmt.Sprintf("Mgr. Zdeňka Křížová-Šťastná – sebehodnocení – vytištěno 23. 11. 2026 Strana %d z %d", i+1, len(pp))
		if !strings.HasSuffix(p, footer) {
			t.Errorf("page %d ends %q, want the footer %q", i+1, p[max(0, len(p)-120):], footer)
		}
	}
	if !strings.HasSuffix(pp[len(pp)-1], "Vedoucí: …………………………………………… Datum: …………………… Bc. Řehoř Ďurďovič "+
		fmt.Sprintf("Mgr. Zdeňka Křížová-Šťastná – sebehodnocení – vytištěno 23. 11. 2026 Strana %d z %d", len(pp), len(pp))) {
		t.Errorf("the document does not end with the lead's signature line: %q", pp[len(pp)-1])
	}

	info := poppler(t, pdf, "pdfinfo", "-")
	mustContain(t, info, "Title:           Sebehodnocení a dohodnuté úrovně kompetencí – Mgr. Zdeňka Křížová-Šťastná",
		"Author:          Městský úřad Žďár nad Sázavou", "Page size:       595.28 x 841.89 pts (A4)")
}

// A table longer than a page goes on with its header row repeated, and a row too long for a whole page is split
// rather than lost.
func TestLongTablesBreakWithTheHeaderRepeated(t *testing.T) {
	d := realisticAssessment()
	d.Domains = d.Domains[:1]
	d.Domains[0].Rows = nil
	for j := 1; j <= 60; j++ {
		d.Domains[0].Rows = append(d.Domains[0].Rows, CompetencyRow{Code: fmt.Sprintf("X%d", j),
			Title: "Posuzování ohrožení dítěte v rodině", SelfLevel: lvl(2), AgreedLevel: lvl(2), ExpectedLevel: lvl(2)})
	}
	huge := strings.Repeat("Záznam z případové konference o dítěti a jeho rodině. ", 250) + "Konec záznamu."
	d.Domains[0].Rows[59].Evidence = huge
	pp := pages(t, assessmentPDF(t, d))
	if len(pp) < 4 {
		t.Fatalf("%d pages; the 60 rows and the long evidence should take at least four", len(pp))
	}
	// Every page but the first starts with the table's caption and header row; without headers and footers the pages read as one
	// text, so no row and no line of the long evidence is lost or printed twice at a break.
	const continued = "K1 Ochrana dítěte a posuzování rizik (pokračování) " +
		"Kód Kompetence Vlastní hodnocení Dohodnutá úroveň Očekávaná úroveň Rozdíl"
	body := make([]string, len(pp))
	for i, p := range pp {
		footer := fmt.Sprintf("Mgr. Zdeňka Křížová-Šťastná – sebehodnocení – vytištěno 23. 11. 2026 Strana %d z %d", i+1, len(pp))
		if !strings.HasSuffix(p, footer) {
			t.Fatalf("page %d lacks its footer: %q", i+1, p[max(0, len(p)-120):])
		}
		body[i] = strings.TrimSuffix(p, footer)
		if i == 0 {
			continue
		}
		if !strings.HasPrefix(p, continued) && i < len(pp)-1 {
			t.Errorf("page %d does not start with the caption and header row: %.200q", i+1, p)
		}
		body[i] = strings.TrimPrefix(body[i], continued)
	}
	all := strings.Join(body, " ")
	all = spaces.ReplaceAllString(all, " ")
	for j := 1; j <= 60; j++ {
		if n := strings.Count(all, fmt.Sprintf(" X%d Posuzování", j)); n != 1 {
			t.Errorf("row X%d printed %d times", j, n)
		}
	}
	if !strings.Contains(all, "Doklady pracovníka: "+huge) {
		t.Error("the long evidence is not printed whole")
	}
}

func TestPlanPrintsGoalsActionsAndEvaluation(t *testing.T) {
	pdf := planPDF(t, realisticPlan())
	pp := pages(t, pdf)
	all := strings.Join(pp, " ")
	mustContain(t, all,
		"Individuální plán vzdělávání na období 1. 1. 2027 – 31. 12. 2027",
		"Jméno: Mgr. Zdeňka Křížová-Šťastná",
		"Vedoucí: Bc. Řehoř Ďurďovič",
		"Stav plánu: uzavřeno",
		"Schváleno: 12. 1. 2027 (Bc. Řehoř Ďurďovič)",
		"Záměr plánu Plán navazuje na sebehodnocení z listopadu 2026",
		"Kompetence Současná úroveň Cílová úroveň Zdůvodnění",
		"K6.2 Příprava žadatelů o náhradní rodinnou péči 1 3 Oddělení přebírá agendu pěstounské péče",
		"K9.3 Psychohygiena — 2 Nově sledovaná kompetence.",
		"Druh Aktivita Termín Splněno Doklad",
		"kurz Kurz „Pěstounská péče na přechodnou dobu v praxi“ Cíl: K6.2 Příprava žadatelů o náhradní rodinnou péči 15. 3. 2027 20. 3. 2027 Osvědčení č. 2027/041, 16 hodin výuky",
		"supervize Týmová supervize jednou za čtvrtletí 15. 12. 2027 ne",
		"mentoring Mentoring s kolegyní z NRP 30. 6. 2027 ne",
		"stáž Stáž na Krajském úřadě Kraje Vysočina",
		"samostudium Samostudium judikatury Nejvyššího soudu k § 16 zákona o SPOD",
		"jiné Účast na krajské poradě OSPOD 10. 10. 2027 ne",
		"Vyhodnocení plánu Plán byl uzavřen 30. 12. 2027. Cíle v oblasti NRP byly splněny",
		"přesouváme do plánu na rok 2028.",
		"Pracovník/pracovnice: ……", "Vedoucí: ……", "Datum: ……",
		"Strana 1 z "+fmt.Sprint(len(pp)),
	)
	mustContain(t, poppler(t, pdf, "pdfinfo", "-"), "Title:           Individuální plán vzdělávání – Mgr. Zdeňka Křížová-Šťastná")
}

// A plan being drafted has no approval, evaluation or goals yet; the paper says so instead of printing empty
// tables.
func TestDraftPlanSaysWhatIsMissing(t *testing.T) {
	d := realisticPlan()
	d.State, d.ApprovedAt, d.ApprovedBy, d.Goals, d.Actions, d.Evaluation, d.ClosedAt, d.Note = "draft", nil, "", nil, nil, "", nil, ""
	all := strings.Join(pages(t, planPDF(t, d)), " ")
	mustContain(t, all, "Stav plánu: koncept", "Schváleno: —", "Plán nemá žádné cíle.", "Plán nemá žádné aktivity.")
	for _, absent := range []string{"Vyhodnocení plánu", "Záměr plánu", "Zdůvodnění", "Doklad"} {
		if strings.Contains(all, absent) {
			t.Errorf("a draft plan prints %q", absent)
		}
	}
}

func TestSameDocumentSameBytes(t *testing.T) {
	a := assessmentPDF(t, realisticAssessment())
	if b := assessmentPDF(t, realisticAssessment()); !bytes.Equal(a, b) {
		t.Error("the same assessment printed to different bytes")
	}
	p := planPDF(t, realisticPlan())
	if q := planPDF(t, realisticPlan()); !bytes.Equal(p, q) {
		t.Error("the same plan printed to different bytes")
	}
	// The PDF's own dates are the print time, not the time of the test.
	if !bytes.Contains(a, []byte("/CreationDate (D:20261123093000")) {
		t.Errorf("the creation date is not PrintedAt: %q", regexp.MustCompile(`/CreationDate \([^)]*\)`).Find(a))
	}
	later := realisticAssessment()
	later.PrintedAt = printed.Add(48 * time.Hour)
	all := strings.Join(pages(t, assessmentPDF(t, later)), " ")
	mustContain(t, all, "vytištěno 25. 11. 2026")
}

// People type anything: emoji, tabs, control characters. The paper prints what the fonts can draw and marks the
// rest instead of failing or drawing nothing.
func TestUnprintableTextIsReplaced(t *testing.T) {
	d := realisticAssessment()
	d.Domains = d.Domains[:1]
	d.Domains[0].Rows[0].Evidence = "Děkuji 😀 za\tsupervizi\x07\u200b!\r\nDalší řádek"
	d.LeadComment = "Nic víc 🙂"
	all := strings.Join(pages(t, assessmentPDF(t, d)), " ")
	mustContain(t, all, "Doklady pracovníka: Děkuji ? za supervizi! Další řádek", "Nic víc ?")
}

// The fonts must draw every Czech letter and the punctuation the papers use, or a name would print with holes.
func TestFontsCoverCzech(t *testing.T) {
	const need = "aábcčdďeéěfghiíjklmnňoópqrřsštťuúůvwxyýzž" + "AÁBCČDĎEÉĚFGHIÍJKLMNŇOÓPQRŘSŠTŤUÚŮVWXYÝZŽ" +
		"0123456789 .,:;!?()/-–—−+„“…§"
	for _, f := range fonts {
		font, err := sfnt.Parse(f.ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range need {
			if gi, err := font.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("font %q has no glyph for %q", f.style, r)
			}
		}
	}
	if got := clean(need); got != need {
		t.Errorf("clean changed printable text: %q", got)
	}
}

func TestCzechDates(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), "23. 11. 2026"},
		{time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), "5. 1. 2027"},
		{time.Time{}, "—"},
	} {
		if got := czDate(c.t); got != c.want {
			t.Errorf("czDate(%v) = %q, want %q", c.t, got, c.want)
		}
	}
	// Summer time: 22:30 UTC on 30 June is 00:30 on 1 July in Prague.
	if got := czDay(time.Date(2027, 6, 30, 22, 30, 0, 0, time.UTC)); got != "1. 7. 2027" {
		t.Errorf("czDay = %q", got)
	}
}

func BenchmarkWriteAssessment(b *testing.B) {
	d := realisticAssessment()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteAssessment(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
