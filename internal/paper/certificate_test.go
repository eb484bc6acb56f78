package paper

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

const verifyURL = "https://rozvoj.example.cz/verify/7KX4-QM2P-9WZD-HT3R"

func realisticCertificate() CertificateDoc {
	born := time.Date(1985, 3, 12, 0, 0, 0, 0, time.UTC)
	return CertificateDoc{
		Number:              "RZV-2026-000123",
		PersonName:          "Mgr. Zdeňka Křížová-Šťastná",
		BirthDate:           &born,
		CourseTitle:         "Pěstounská péče na přechodnou dobu v praxi: práce s dítětem, rodinou a soudem",
		AccreditationNumber: "A2024/0123-SP/PC/PP",
		Form:                "course",
		Hours:               16,
		// Calendar days as the training package stores them: midnight in Prague is the evening before in UTC.
		StartsOn:      time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC),
		EndsOn:        time.Date(2026, 3, 3, 23, 0, 0, 0, time.UTC),
		Place:         "Žďár nad Sázavou",
		ProviderName:  "Vzdělávací centrum Vysočina, z. ú.",
		ProviderICO:   "27654321",
		SignatoryName: "PhDr. Řehoř Ďurďovič, Ph.D.",
		SignatoryRole: "ředitel vzdělávacího centra",
		IssuedAt:      time.Date(2026, 3, 4, 15, 0, 0, 0, time.UTC),
		VerifyURL:     verifyURL,
	}
}

func certificatePDF(t testing.TB, d CertificateDoc) []byte {
	return render(t, func(b *bytes.Buffer) error { return WriteCertificate(b, d) })
}

func TestCertificateStatesWhatTheAccreditationAsks(t *testing.T) {
	pdf := certificatePDF(t, realisticCertificate())
	pp := pages(t, pdf)
	if len(pp) != 1 {
		t.Fatalf("the certificate takes %d pages", len(pp))
	}
	mustContain(t, pp[0],
		"Vzdělávací centrum Vysočina, z. ú. IČO 27654321 OSVĚDČENÍ o absolvování akreditovaného vzdělávacího programu č. RZV-2026-000123",
		"Vzdělávací centrum Vysočina, z. ú., IČO 27654321, potvrzuje, že Mgr. Zdeňka Křížová-Šťastná nar. 12. 3. 1985",
		"absolvoval(a) akreditovaný vzdělávací program",
		"„Pěstounská péče na přechodnou dobu v praxi: práce s dítětem, rodinou a soudem“",
		"č. akreditace MPSV A2024/0123-SP/PC/PP",
		"forma kurz, v rozsahu 16 hodin",
		"konaný ve dnech 3.–4. 3. 2026, místo konání: Žďár nad Sázavou",
		"podle zákona č. 108/2006 Sb., o sociálních službách.",
		"Místo a datum vydání: Žďár nad Sázavou, 4. 3. 2026",
		"PhDr. Řehoř Ďurďovič, Ph.D. ředitel vzdělávacího centra",
		verifyURL+" Pravost osvědčení č. RZV-2026-000123 ověříte na uvedené adrese nebo načtením QR kódu.",
	)
	// Czech typesetting never leaves a one-letter preposition at the end of a line ("práce s" / "dítětem").
	for _, line := range strings.Split(poppler(t, pdf, "pdftotext", "-raw", "-enc", "UTF-8", "-", "-"), "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.Contains(" k s v z o u a i ", " "+strings.ToLower(f[len(f)-1])+" ") {
			t.Errorf("a line ends with a one-letter word: %q", line)
		}
	}
	if strings.Contains(pp[0], "Strana") {
		t.Error("a one-page certificate prints a page number")
	}
	mustContain(t, poppler(t, pdf, "pdfinfo", "-"),
		"Title:           Osvědčení RZV-2026-000123 – Mgr. Zdeňka Křížová-Šťastná",
		"Author:          Vzdělávací centrum Vysočina, z. ú.", "Pages:           1", "(A4)")
}

// The QR code on the printed page, as a scanner sees it at 150 dpi, leads to the verification URL.
func TestCertificateQRCodeReadsBackFromThePage(t *testing.T) {
	page := poppler(t, certificatePDF(t, realisticCertificate()), "pdftoppm", "-r", "150", "-png", "-singlefile", "-")
	img, err := png.Decode(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != verifyURL {
		t.Errorf("the QR code on the page reads %q, want %q", got, verifyURL)
	}
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}

// A longer URL takes a bigger QR version; it must still read back from the embedded image.
func TestQRPNGReadsBack(t *testing.T) {
	long := "https://rozvoj.example.cz/verify/" + strings.Repeat("7KX4QM2P9WZDHT3R", 6)
	b, err := qrPNG(long)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != long {
		t.Errorf("read %q", got)
	}
}

// Optional and odd data still make one honest page: no birth date line, an unknown form printed as it is, a
// course on one day, a very long title shrunk to fit, hours with a decimal comma.
func TestCertificateVariants(t *testing.T) {
	d := realisticCertificate()
	d.BirthDate, d.Form, d.Hours = nil, "workshop", 7.5
	d.EndsOn = d.StartsOn
	d.CourseTitle = strings.Repeat("Komunikace s dítětem a rodinou v krizi a při posuzování ohrožení ", 4) + "v praxi"
	pdf := certificatePDF(t, d)
	pp := pages(t, pdf)
	if len(pp) != 1 {
		t.Fatalf("the certificate takes %d pages", len(pp))
	}
	mustContain(t, pp[0], "forma workshop, v rozsahu 7,5 hodiny", "konaný dne 3. 3. 2026,", "v praxi“", verifyURL)
	if strings.Contains(pp[0], "nar.") {
		t.Error("a certificate without a birth date prints one")
	}
	d.Form = ""
	mustContain(t, pages(t, certificatePDF(t, d))[0], "konaný dne 3. 3. 2026, místo konání: Žďár nad Sázavou")
}

func TestCertificateNeedsNumberAndURL(t *testing.T) {
	for _, change := range []func(*CertificateDoc){
		func(d *CertificateDoc) { d.Number = " " },
		func(d *CertificateDoc) { d.VerifyURL = "" },
	} {
		d := realisticCertificate()
		change(&d)
		var buf bytes.Buffer
		if err := WriteCertificate(&buf, d); err == nil || buf.Len() > 0 {
			t.Errorf("printed %d bytes, error %v", buf.Len(), err)
		}
	}
}

func TestCzechHoursAndDays(t *testing.T) {
	for h, want := range map[float64]string{1: "1 hodiny", 2: "2 hodin", 16: "16 hodin", 7.5: "7,5 hodiny", 0.25: "0,25 hodiny"} {
		if got := czHours(h); got != want {
			t.Errorf("czHours(%v) = %q, want %q", h, got, want)
		}
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, prague) }
	for _, c := range []struct {
		from, to time.Time
		want     string
	}{
		{day(2026, 3, 3), day(2026, 3, 3), "dne 3. 3. 2026"},
		{day(2026, 3, 3), time.Time{}, "dne 3. 3. 2026"},
		{day(2026, 3, 3), day(2026, 3, 4), "ve dnech 3.–4. 3. 2026"},
		{day(2026, 3, 30), day(2026, 4, 2), "ve dnech 30. 3. – 2. 4. 2026"},
		{day(2026, 12, 30), day(2027, 1, 2), "ve dnech 30. 12. 2026 – 2. 1. 2027"},
	} {
		if got := czDays(c.from, c.to); got != c.want {
			t.Errorf("czDays(%v, %v) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestSameCertificateSameBytes(t *testing.T) {
	if !bytes.Equal(certificatePDF(t, realisticCertificate()), certificatePDF(t, realisticCertificate())) {
		t.Error("the same certificate printed to different bytes")
	}
}

func BenchmarkWriteCertificate(b *testing.B) {
	d := realisticCertificate()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteCertificate(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
