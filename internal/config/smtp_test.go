package config

import (
	"strings"
	"testing"
)

func TestParseSMTPURL(t *testing.T) {
	for raw, want := range map[string]SMTP{
		"smtp://user:p%40ss@mail.example.cz:2525": {Host: "mail.example.cz", Port: 2525, Username: "user", Password: "p@ss", TLS: TLSStartTLS},
		"smtp://mail.example.cz":                  {Host: "mail.example.cz", Port: 587, TLS: TLSStartTLS},
		"smtps://u:p@mail.example.cz":             {Host: "mail.example.cz", Port: 465, Username: "u", Password: "p", TLS: TLSImplicit},
		"smtp://localhost:25?tls=none":            {Host: "localhost", Port: 25, TLS: TLSNone},
		"smtp://[::1]:25?tls=opportunistic":       {Host: "::1", Port: 25, TLS: TLSOpportunistic},
	} {
		got, err := ParseSMTPURL(raw)
		if err != nil || got != want {
			t.Errorf("%s: %+v %v, want %+v", raw, got, err, want)
		}
	}
	for raw, msg := range map[string]string{
		"mail.example.cz:587":               "smtp://",
		"http://mail.example.cz":            "smtp://",
		"smtp://":                           "needs a host",
		"smtp://mail.example.cz:99999":      "port",
		"smtp://mail.example.cz?tls=maybe":  "tls=maybe",
		"smtps://mail.example.cz?tls=none":  "tls=none",
		"smtp://mail.example.cz?timeout=5s": "timeout",
		"smtp://a b":                        "not a URL",
	} {
		if _, err := ParseSMTPURL(raw); err == nil || !strings.Contains(err.Error(), msg) || !strings.Contains(err.Error(), "ROZVOJ_SMTP_URL") {
			t.Errorf("%s: %v, want an error about %q", raw, err, msg)
		}
	}
}

func TestLoadMail(t *testing.T) {
	t.Setenv("ROZVOJ_SMTP_URL", "")
	t.Setenv("ROZVOJ_MAIL_FROM", "")
	c, err := Load()
	if err != nil || c.SMTP != nil || c.MailFrom != "rozvoj <noreply@localhost>" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	t.Setenv("ROZVOJ_SMTP_URL", "smtps://u:p@mail.example.cz")
	t.Setenv("ROZVOJ_MAIL_FROM", "Rozvoj SPOD <rozvoj@example.cz>")
	if c, err = Load(); err != nil || c.SMTP == nil || c.SMTP.Host != "mail.example.cz" || c.MailFrom != "Rozvoj SPOD <rozvoj@example.cz>" {
		t.Fatalf("set: %+v %v", c, err)
	}
	t.Setenv("ROZVOJ_SMTP_URL", "smtp//mail.example.cz")
	if _, err = Load(); err == nil {
		t.Error("a bad ROZVOJ_SMTP_URL loads")
	}
	t.Setenv("ROZVOJ_SMTP_URL", "")
	t.Setenv("ROZVOJ_MAIL_FROM", "not an address")
	if _, err = Load(); err == nil || !strings.Contains(err.Error(), "ROZVOJ_MAIL_FROM") {
		t.Errorf("a bad ROZVOJ_MAIL_FROM: %v", err)
	}
}
