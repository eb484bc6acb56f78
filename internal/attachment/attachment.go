// Package attachment keeps the files people upload as evidence (the certificate of a training done elsewhere):
// checked by their content, limited in size, stored in the database so every replica serves them.
package attachment

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // registers the decoders Check uses to prove an image is one
	_ "image/png"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// MaxSize is the largest file accepted: a scanned certificate fits with room to spare.
const MaxSize = 10 << 20

// Accepted media types: what a certificate is scanned or printed to.
const (
	PDF  = "application/pdf"
	PNG  = "image/png"
	JPEG = "image/jpeg"
)

// Attachment is a stored file. Content is read only when it is downloaded.
type Attachment struct {
	bun.BaseModel `bun:"table:attachments,alias:f"`

	ID        uuid.UUID `bun:"id,pk" json:"id"`
	OwnerID   uuid.UUID `bun:"owner_id" json:"-"`
	Name      string    `bun:"name" json:"name"`
	MediaType string    `bun:"media_type" json:"media_type"`
	Size      int       `bun:"size" json:"size"`
	SHA256    string    `bun:"sha256" json:"sha256"`
	Content   []byte    `bun:"content" json:"-"`
	CreatedAt time.Time `bun:"created_at" json:"created_at"`
}

// Check tells what a file really is, from its bytes and never from its name or the client's word: a PDF, PNG or
// JPEG that is whole enough to open, at most MaxSize. Anything else is a 422 naming field.
func Check(field string, data []byte) (string, error) {
	switch {
	case len(data) == 0:
		return "", httpx.FieldInvalid(field, "required", "The file is empty.")
	case len(data) > MaxSize:
		return "", httpx.FieldInvalid(field, "max", fmt.Sprintf("The file is larger than %d MB.", MaxSize>>20))
	}
	kind := mimetype.Detect(data).String()
	switch {
	case strings.HasPrefix(kind, PDF):
		// A PDF ends with its trailer; a file cut short in the upload, or only dressed as a PDF, does not.
		if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
			return "", httpx.FieldInvalid(field, "content", "The PDF is incomplete or damaged.")
		}
		return PDF, nil
	case kind == PNG || kind == JPEG:
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return "", httpx.FieldInvalid(field, "content", "The image is damaged and cannot be opened.")
		}
		return kind, nil
	}
	return "", httpx.FieldInvalid(field, "type", "Upload the certificate as a PDF, PNG or JPEG file.")
}

// cleanName keeps the base of an uploaded file's name, readable and short, for the download.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	for len(name) > 200 || !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name[:min(len(name), 200)], "")
	}
	if name == "" || name == "." || name == "/" {
		return "soubor"
	}
	return name
}

// Save checks a file and stores it for its owner, in the caller's transaction.
func Save(ctx context.Context, db bun.IDB, owner uuid.UUID, field, name string, data []byte) (*Attachment, error) {
	kind, err := Check(field, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	a := &Attachment{ID: uuid.Must(uuid.NewV7()), OwnerID: owner, Name: cleanName(name), MediaType: kind, Size: len(data),
		SHA256: hex.EncodeToString(sum[:]), Content: data, CreatedAt: database.Now()}
	if _, err := db.NewInsert().Model(a).Exec(ctx); err != nil {
		return nil, err
	}
	return a, nil
}

// ErrNotFound is a missing attachment; callers answer it as their own record's "not found".
var ErrNotFound = errors.New("attachment not found")

// Load reads an attachment with its content. Who may read it is the calling domain's decision.
func Load(ctx context.Context, db bun.IDB, id uuid.UUID) (*Attachment, error) {
	a := new(Attachment)
	err := db.NewSelect().Model(a).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return a, err
}
