// Package config turns the environment into a typed Config with documented defaults.
package config

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"time"
)

// Config is everything the binary reads from its environment. README lists each variable.
type Config struct {
	DatabaseURL    string        // ROZVOJ_DATABASE_URL: sqlite:///path/file.db or postgres://…
	DatabaseWait   time.Duration // ROZVOJ_DATABASE_WAIT: how long start-up waits for the database (10s)
	Addr           string        // ROZVOJ_ADDR: listen address
	Secret         []byte        // ROZVOJ_SECRET: signs access tokens; generated (and tokens die on restart) when unset
	SecretMissing  bool          // true when Secret was generated, so start-up can warn once
	BaseURL        string        // ROZVOJ_BASE_URL: public URL, used in links
	LogFormat      string        // ROZVOJ_LOG_FORMAT: json (default) or text
	LogLevel       slog.Level    // ROZVOJ_LOG_LEVEL: debug, info, warn, error
	DemoPassword   string        // ROZVOJ_DEMO_PASSWORD: password of every demo login; generated when unset
	AccessTTL      time.Duration // ROZVOJ_ACCESS_TTL: access-token lifetime (15m)
	RefreshTTL     time.Duration // ROZVOJ_REFRESH_TTL: refresh-token lifetime (720h)
	BodyLimit      int           // ROZVOJ_BODY_LIMIT: largest request body in bytes (1 MiB)
	InsecureCookie bool          // ROZVOJ_INSECURE_COOKIE: drop the Secure flag (only for plain-HTTP hosts other than localhost)
	SMTP           *SMTP         // ROZVOJ_SMTP_URL: the mail server; nil when unset: e-mail off, notifications in-app only
	MailFrom       string        // ROZVOJ_MAIL_FROM: the sender of e-mails ("rozvoj <noreply@localhost>")
	// ROZVOJ_NOTES_KEY: 32 bytes, base64, that encrypt the private supervision notes. Unset, it is derived from
	// ROZVOJ_SECRET; with neither set (a trial run) from a fixed value, so notes survive a restart but are not
	// protected, and NotesKeyMissing makes start-up warn.
	NotesKey        []byte
	NotesKeyMissing bool
}

// Load reads the environment. It fails only on values that are present but malformed.
func Load() (Config, error) {
	c := Config{
		DatabaseURL:  env("ROZVOJ_DATABASE_URL", "sqlite://./data/rozvoj.db"),
		Addr:         env("ROZVOJ_ADDR", ":8080"),
		BaseURL:      env("ROZVOJ_BASE_URL", "http://localhost:8080"),
		LogFormat:    env("ROZVOJ_LOG_FORMAT", "json"),
		DemoPassword: os.Getenv("ROZVOJ_DEMO_PASSWORD"),
	}
	c.BaseURL = env("ROZVOJ_BASE_URL", baseURL(c.Addr))
	if s := os.Getenv("ROZVOJ_SECRET"); s != "" {
		if len(s) < 16 {
			return c, fmt.Errorf("ROZVOJ_SECRET must be at least 16 characters")
		}
		c.Secret = []byte(s)
	} else {
		c.Secret = []byte(RandomToken(32))
		c.SecretMissing = true
	}
	var err error
	if c.AccessTTL, err = duration("ROZVOJ_ACCESS_TTL", 15*time.Minute); err != nil {
		return c, err
	}
	if c.DatabaseWait, err = duration("ROZVOJ_DATABASE_WAIT", 10*time.Second); err != nil {
		return c, err
	}
	if c.RefreshTTL, err = duration("ROZVOJ_REFRESH_TTL", 30*24*time.Hour); err != nil {
		return c, err
	}
	if c.BodyLimit, err = integer("ROZVOJ_BODY_LIMIT", 1<<20); err != nil {
		return c, err
	}
	if err = c.LogLevel.UnmarshalText([]byte(env("ROZVOJ_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("ROZVOJ_LOG_LEVEL: %w", err)
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return c, fmt.Errorf("ROZVOJ_LOG_FORMAT must be json or text, not %q", c.LogFormat)
	}
	c.InsecureCookie = os.Getenv("ROZVOJ_INSECURE_COOKIE") == "true"
	if raw := os.Getenv("ROZVOJ_SMTP_URL"); raw != "" {
		s, err := ParseSMTPURL(raw)
		if err != nil {
			return c, err
		}
		c.SMTP = &s
	}
	c.MailFrom = env("ROZVOJ_MAIL_FROM", "rozvoj <noreply@localhost>")
	if c.NotesKey, c.NotesKeyMissing, err = notesKey(os.Getenv("ROZVOJ_NOTES_KEY"), c); err != nil {
		return c, err
	}
	return c, checkMailFrom(c.MailFrom)
}

// notesKey reads ROZVOJ_NOTES_KEY or derives the notes key (see Config.NotesKey).
func notesKey(raw string, c Config) ([]byte, bool, error) {
	if raw != "" {
		k, err := base64.StdEncoding.DecodeString(raw)
		if err != nil || len(k) != 32 {
			return nil, false, fmt.Errorf("ROZVOJ_NOTES_KEY must be 32 random bytes in base64 (e.g. openssl rand -base64 32)")
		}
		return k, false, nil
	}
	secret, missing := c.Secret, c.SecretMissing
	if missing {
		secret = []byte("rozvoj trial run: notes are not protected")
	}
	k, err := hkdf.Key(sha256.New, secret, nil, "rozvoj supervision notes", 32)
	return k, missing, err
}

// RandomToken returns n random bytes as hex: secrets, demo passwords, refresh tokens.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// baseURL guesses the public URL from the listen address, for links and the printed demo logins.
func baseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func duration(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration like 15m, not %q", key, v)
	}
	return d, nil
}

func integer(key string, def int) (int, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s must be a positive whole number, not %q", key, v)
	}
	return n, nil
}
