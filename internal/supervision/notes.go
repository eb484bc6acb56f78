package supervision

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// MaxNote is the longest a reflection note may be, in characters.
const MaxNote = 10000

// sealer encrypts notes with AES-256-GCM. The session and the person are the additional data, so a sealed note
// copied to another session or person does not open.
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) (sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return sealer{}, err
	}
	aead, err := cipher.NewGCM(block)
	return sealer{aead}, err
}

func (s sealer) seal(text string, sessionID, personID uuid.UUID) []byte {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return s.aead.Seal(nonce, nonce, []byte(text), append(sessionID[:], personID[:]...))
}

func (s sealer) open(sealed []byte, sessionID, personID uuid.UUID) (string, error) {
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return "", errors.New("supervision: sealed note too short")
	}
	b, err := s.aead.Open(nil, sealed[:n], sealed[n:], append(sessionID[:], personID[:]...))
	return string(b), err
}

// Note is a participant's private reflection on a session.
type Note struct {
	SessionID uuid.UUID `json:"session_id"`
	Text      string    `json:"text"`
	UpdatedAt string    `json:"updated_at"`
}

// NoteInput writes a note.
type NoteInput struct {
	Text string `json:"text"`
}

var errNoteNotFound = httpx.NotFound("You have no note on this supervision session.")

// ownSession is a session the caller takes part in; to anybody else, the lead and the supervisor included, the
// notes of a session do not exist (404).
func (s *Service) ownSession(ctx context.Context, db bun.IDB, p *auth.Principal, id uuid.UUID) error {
	ss, err := s.store.session(ctx, db, id)
	if errors.Is(err, errNotFound) || err == nil && !takesPart(p.UserID, ss) {
		return errNoteNotFound
	}
	return err
}

// Note reads the caller's own note on a session.
func (s *Service) Note(ctx context.Context, p *auth.Principal, id uuid.UUID) (*Note, error) {
	if err := s.ownSession(ctx, s.db, p, id); err != nil {
		return nil, err
	}
	n, err := s.store.note(ctx, s.db, id, p.UserID)
	if errors.Is(err, errNotFound) {
		return nil, errNoteNotFound
	} else if err != nil {
		return nil, err
	}
	text, err := s.sealer.open(n.Sealed, id, p.UserID)
	if err != nil {
		return nil, err
	}
	return &Note{SessionID: id, Text: text, UpdatedAt: n.UpdatedAt.Format("2006-01-02T15:04:05Z07:00")}, nil
}

// WriteNote keeps the caller's note on a session they take part in, sealed; the audit log records that a note
// changed, never its text.
func (s *Service) WriteNote(ctx context.Context, p *auth.Principal, id uuid.UUID, in NoteInput) (*Note, error) {
	if err := s.ownSession(ctx, s.db, p, id); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(in.Text) > MaxNote {
		return nil, httpx.FieldInvalid("text", "max", "A note has at most 10,000 characters.")
	}
	n := &note{SessionID: id, PersonID: p.UserID, Sealed: s.sealer.seal(in.Text, id, p.UserID), UpdatedAt: database.Now()}
	_, err := s.db.NewInsert().Model(n).On("CONFLICT (session_id, person_id) DO UPDATE").
		Set("sealed = EXCLUDED.sealed, updated_at = EXCLUDED.updated_at").Exec(ctx)
	if err != nil {
		return nil, err
	}
	return &Note{SessionID: id, Text: in.Text, UpdatedAt: n.UpdatedAt.Format("2006-01-02T15:04:05Z07:00")}, nil
}

// DeleteNote removes the caller's note.
func (s *Service) DeleteNote(ctx context.Context, p *auth.Principal, id uuid.UUID) error {
	if err := s.ownSession(ctx, s.db, p, id); err != nil {
		return err
	}
	r, err := s.db.NewDelete().Model((*note)(nil)).Where("session_id = ? AND person_id = ?", id, p.UserID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return errNoteNotFound
	}
	return nil
}
