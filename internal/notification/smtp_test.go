package notification

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"math/big"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/rozvoj/rozvoj/internal/config"
)

// received is one message the test server accepted.
type received struct {
	From, To string
	Msg      *mail.Message
	Body     []byte
}

// smtpServer is a real SMTP server in the test process that keeps what it receives. Fail makes it answer 451
// to DATA; Block makes DATA wait until the channel is closed (a send in flight).
type smtpServer struct {
	Port     int
	TLS      *tls.Config // set: STARTTLS offered and PLAIN login required
	RootCAs  *x509.CertPool
	mu       sync.Mutex
	messages []received
	fail     bool
	block    chan struct{}
	inData   chan struct{} // gets a value when a DATA starts
}

func startSMTP(t *testing.T, withTLS bool) *smtpServer {
	t.Helper()
	s := &smtpServer{inData: make(chan struct{}, 100)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0) // the TLS test's refused handshake is expected
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	if withTLS {
		s.TLS, s.RootCAs = selfSigned(t)
		srv.TLSConfig = s.TLS
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = ln.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// config is the ROZVOJ_SMTP_URL pointing here, as parsed.
func (s *smtpServer) config(t *testing.T) config.SMTP {
	t.Helper()
	raw := "smtp://127.0.0.1:" + strconv.Itoa(s.Port) + "?tls=none"
	if s.TLS != nil {
		raw = "smtp://rozvoj:heslo@127.0.0.1:" + strconv.Itoa(s.Port)
	}
	c, err := config.ParseSMTPURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (s *smtpServer) setFail(fail bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = fail
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.messages...)
}

type session struct {
	s        *smtpServer
	authed   bool
	from, to string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "rozvoj" || pass != "heslo" {
			return errors.New("wrong login")
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.TLS != nil && !x.authed {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error { x.to = to; return nil }

func (x *session) Data(r io.Reader) error {
	x.s.inData <- struct{}{}
	x.s.mu.Lock()
	fail, block := x.s.fail, x.s.block
	x.s.mu.Unlock()
	if block != nil {
		<-block
	}
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return err
	}
	if fail {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	x.s.messages = append(x.s.messages, received{From: x.from, To: x.to, Msg: msg, Body: body})
	return nil
}

func (x *session) Reset()        {}
func (x *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}

func quotedPrintable(b []byte) io.Reader { return quotedprintable.NewReader(bytes.NewReader(b)) }
