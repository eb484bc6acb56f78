package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

const issuer = "rozvoj"

// Tokens signs and reads the short-lived access tokens (HS256 with the server secret).
type Tokens struct {
	secret []byte
	ttl    time.Duration
}

// NewTokens makes a signer; ttl is the access-token lifetime (15 minutes by default).
func NewTokens(secret []byte, ttl time.Duration) *Tokens { return &Tokens{secret: secret, ttl: ttl} }

// Issue signs an access token for a user.
func (t *Tokens) Issue(userID uuid.UUID, now time.Time) (string, error) {
	claims := jwt.RegisteredClaims{
		Issuer:    issuer,
		Subject:   userID.String(),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
}

// Parse checks signature, algorithm, issuer and expiry, and returns the user ID.
func (t *Tokens) Parse(raw string) (uuid.UUID, error) {
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(5*time.Second),
	)
	if err != nil {
		return uuid.Nil, err
	}
	id, err := uuid.Parse(claims.Subject)
	if err != nil {
		return uuid.Nil, errors.New("token subject is not a user id")
	}
	return id, nil
}

// HashToken is how secret tokens are stored (refresh tokens, calendar feeds, invitations): a database leak gives
// nobody a usable token.
func HashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}
