package web

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tale test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestTLSServesHTTPSAndWSS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	ts := startServer(t, Config{WebSocket: true, TLSCert: certFile, TLSKey: keyFile}, nil)
	host := strings.TrimPrefix(ts.url, "http://")
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + host + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("https: %v %v", resp, err)
	}
	resp.Body.Close()
	d := websocket.Dialer{TLSClientConfig: &tls.Config{RootCAs: pool}}
	c, resp, err := d.Dial("wss://"+host+"/tale/ws", nil)
	if err != nil {
		t.Fatalf("wss: %v", err)
	}
	defer c.Close()
	if !strings.Contains(resp.Header.Get("Set-Cookie"), "Secure") {
		t.Errorf("cookie over TLS is not Secure: %q", resp.Header.Get("Set-Cookie"))
	}
	w := &wsc{t: t, conn: c}
	w.hello()
}

func TestTLSNeedsCertAndKey(t *testing.T) {
	if _, err := New(newEchoGame(4, 4), Config{TLSCert: "cert.pem"}); !errors.Is(err, ErrTLSConfig) {
		t.Errorf("certificate without key: %v, want ErrTLSConfig", err)
	}
	if _, err := New(newEchoGame(4, 4), Config{TLSCert: "missing.pem", TLSKey: "missing.pem"}); err == nil {
		t.Error("unreadable certificate accepted")
	}
}

// panicFS stands for a bug below the renderer: reading an image panics.
type panicFS struct{}

func (panicFS) Open(string) (fs.File, error) { panic("broken story folder") }

// PROTOCOL.md limits row 6, second half: when the connection itself is
// unusable (a bug while writing to it), close 1011; the client resumes.
func TestWSWriterPanicCloses1011(t *testing.T) {
	ts := startServer(t, Config{WebSocket: true, Assets: panicFS{}}, nil)
	c := ts.dial(t, "", nil)
	hello, _ := c.hello()
	c.send(map[string]any{"cmd": "image"})
	if code := closeCode(c.closed()); code != websocket.CloseInternalServerErr {
		t.Errorf("close code %d, want 1011", code)
	}
	r := ts.dial(t, "session="+hello.str("session"), nil)
	r.hello()
	r.send(map[string]any{"cmd": "still works"})
	if m := r.expect("text"); !strings.Contains(m.str("text"), "still works") {
		t.Errorf("after 1011: %v", m)
	}
}
