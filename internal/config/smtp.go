package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
)

// How the connection to the mail server is protected.
const (
	TLSImplicit      = "implicit"      // smtps://: TLS from the first byte
	TLSStartTLS      = "starttls"      // smtp:// (default): STARTTLS, refused if the server does not offer it
	TLSOpportunistic = "opportunistic" // smtp://…?tls=opportunistic: STARTTLS when offered
	TLSNone          = "none"          // smtp://…?tls=none: plain text, for a relay on the same host
)

// SMTP is ROZVOJ_SMTP_URL taken apart.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string
}

// ParseSMTPURL reads smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (implicit TLS); an
// smtp:// URL may say ?tls=opportunistic or ?tls=none. A mistake stops the start with a message naming it,
// rather than showing up as unsent e-mail days later.
func ParseSMTPURL(raw string) (SMTP, error) {
	var s SMTP
	u, err := url.Parse(raw)
	if err != nil {
		return s, fmt.Errorf("ROZVOJ_SMTP_URL is not a URL: %w", err)
	}
	if u.Hostname() == "" {
		return s, fmt.Errorf("ROZVOJ_SMTP_URL needs a host, like smtp://user:pass@mail.example.cz:587")
	}
	s.Host = u.Hostname()
	switch u.Scheme {
	case "smtp":
		s.Port, s.TLS = 587, TLSStartTLS
	case "smtps":
		s.Port, s.TLS = 465, TLSImplicit
	default:
		return s, fmt.Errorf("ROZVOJ_SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (implicit TLS), not %q", u.Scheme+"://")
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			return s, fmt.Errorf("ROZVOJ_SMTP_URL: port %q is not a port number", p)
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	q := u.Query()
	for key := range q {
		if key != "tls" {
			return s, fmt.Errorf("ROZVOJ_SMTP_URL: unknown parameter %q (only tls=opportunistic or tls=none)", key)
		}
	}
	if tls := q.Get("tls"); tls != "" {
		if u.Scheme != "smtp" || (tls != TLSOpportunistic && tls != TLSNone && tls != TLSStartTLS) {
			return s, fmt.Errorf("ROZVOJ_SMTP_URL: tls=%s is not allowed; smtp:// takes tls=starttls, opportunistic or none", tls)
		}
		s.TLS = tls
	}
	return s, nil
}

// Addr is host:port, for logs.
func (s SMTP) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

func checkMailFrom(from string) error {
	if _, err := mail.ParseAddress(from); err != nil {
		return fmt.Errorf("ROZVOJ_MAIL_FROM must be an address like \"rozvoj <noreply@example.cz>\", not %q: %w", from, err)
	}
	return nil
}
