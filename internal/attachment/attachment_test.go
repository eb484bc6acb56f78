package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/apitest"
	"github.com/rozvoj/rozvoj/internal/attachment"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/database/dbtest"
	"github.com/rozvoj/rozvoj/internal/httpx"
	"github.com/rozvoj/rozvoj/internal/paper"
)

func images(t *testing.T) (pngBytes, jpegBytes []byte) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(3, 3, color.RGBA{200, 0, 0, 255})
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	return p.Bytes(), j.Bytes()
}

func realPDF(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := paper.WritePlan(&b, paper.PlanDoc{Person: paper.Person{Name: "Jana Nováková"}}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCheck accepts real PDFs and images and refuses, naming the field, what only claims to be one.
func TestCheck(t *testing.T) {
	pngBytes, jpegBytes := images(t)
	pdf := realPDF(t)
	for name, c := range map[string]struct {
		data     []byte
		want     string // media type, or the problem's code
		accepted bool
	}{
		"pdf":             {pdf, attachment.PDF, true},
		"png":             {pngBytes, attachment.PNG, true},
		"jpeg":            {jpegBytes, attachment.JPEG, true},
		"empty":           {nil, "required", false},
		"text named .pdf": {[]byte("Toto není PDF, jen text s příponou."), "type", false},
		"html":            {[]byte("<html><script>alert(1)</script></html>"), "type", false},
		"pdf cut short":   {pdf[:len(pdf)/2], "content", false},
		"pdf header only": {[]byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), "content", false},
		"png cut short":   {pngBytes[:20], "content", false},
		"too large":       {append(append([]byte{}, pdf...), make([]byte, attachment.MaxSize)...), "max", false},
		"executable":      {[]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), "type", false},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := attachment.Check("certificate", c.data)
			if c.accepted {
				if err != nil || got != c.want {
					t.Fatalf("Check = %q, %v; want %q", got, err, c.want)
				}
				return
			}
			var p *httpx.Problem
			if !errors.As(err, &p) || len(p.Errors) != 1 || p.Errors[0].Field != "certificate" || p.Errors[0].Code != c.want {
				t.Fatalf("Check = %q, %#v; want a problem on certificate with code %q", got, err, c.want)
			}
		})
	}
}

// TestSaveLoad stores a file in the caller's transaction and reads the same bytes back, on both databases.
func TestSaveLoad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		w := apitest.NewWorld(t, apitest.Start(t, db))
		pdf := realPDF(t)
		saved, err := attachment.Save(ctx, db, w.WorkerA1.ID, "certificate", `C:\Users\jana\Osvědčení "kurz".pdf`, pdf)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Name != "Osvědčení kurz.pdf" || saved.MediaType != attachment.PDF || saved.Size != len(pdf) || len(saved.SHA256) != 64 {
			t.Errorf("saved: %+v", saved)
		}
		got, err := attachment.Load(ctx, db, saved.ID)
		if err != nil || !bytes.Equal(got.Content, pdf) || got.OwnerID != w.WorkerA1.ID || got.SHA256 != saved.SHA256 {
			t.Fatalf("load: %v, %d bytes", err, len(got.Content))
		}
		if _, err := attachment.Load(ctx, db, uuid.New()); !errors.Is(err, attachment.ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := attachment.Save(ctx, db, w.WorkerA1.ID, "certificate", "x.pdf", []byte("fake")); err == nil {
			t.Error("a fake PDF was saved")
		}
		n, err := db.NewSelect().Table("attachments").Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("%d attachments stored, want 1: %v", n, err)
		}
		long := strings.Repeat("ž", 300) + ".png"
		pngBytes, _ := images(t)
		a, err := attachment.Save(ctx, db, w.WorkerA1.ID, "certificate", long, pngBytes)
		if err != nil || len(a.Name) > 200 || !strings.HasPrefix(a.Name, "žž") {
			t.Errorf("a long name: %q %v", a.Name, err)
		}
	})
}
