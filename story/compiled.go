package story

import (
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"strconv"
)

// Compiled is a story folder already loaded, as Go code: the loader's
// result built by the compiler, so that playing a bundled story starts
// without parsing YAML or checking a world that was checked when the code
// was generated (package storygen writes it).
type Compiled struct {
	// Sum is SourceSum of the folder the code was generated from.
	Sum string
	// New builds the story afresh, without ID and Assets (LoadCompiled
	// sets them as Load does). Each call returns a new Story, so callers
	// own it as they own one from Load.
	New func() *Story
}

// LoadCompiled is Load of dir from fsys, taken from c when c was generated
// from exactly the files Load would read there; otherwise (the YAML was
// edited and the code not regenerated) it is Load itself, so the result
// never differs from the folder.
func LoadCompiled(fsys fs.FS, dir string, c Compiled) (*Story, error) {
	dir = path.Clean(dir)
	if c.New == nil {
		return Load(fsys, dir)
	}
	if sum, err := SourceSum(fsys, dir); err != nil || sum != c.Sum {
		return Load(fsys, dir)
	}
	s := c.New()
	s.ID = path.Base(dir)
	if dir == "." {
		s.ID = slug(s.Config.Name)
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return Load(fsys, dir)
	}
	s.Assets = FSAssets{FS: sub}
	if s.Config.Generator == nil {
		// Images are files beside the YAML, outside the sum: check them
		// as Load does, and let Load report a missing one.
		l := &loader{fsys: fsys, dir: dir, show: func(rel string) string { return path.Join(dir, rel) }, rep: newReport(path.Join(dir, "story.yaml")), story: s}
		l.images()
		if len(l.rep.problems) > 0 {
			return Load(fsys, dir)
		}
	}
	return s, nil
}

// SourceSum is a checksum of every file Load reads in dir (story.yaml
// and the world files, names and contents): equal sums, equal stories,
// for one version of the loader. It guards against an author's edit, not
// an adversary (whoever can change the YAML can change the code), so a
// CRC-32 is ample where SHA-256 was a noticeable part of start-up: any
// change of up to 32 bits in a row is always caught, any other missed
// once in four billion. IEEE's polynomial, not Castagnoli's: Go computes
// both with the CPU's help, but builds Castagnoli's tables on first use
// in 150 µs, IEEE's in about 10.
func SourceSum(fsys fs.FS, dir string) (string, error) {
	dir = path.Clean(dir)
	l := &loader{fsys: fsys, dir: dir, show: func(rel string) string { return rel }, rep: newReport("")}
	files := append([]string{"story.yaml"}, l.worldFiles()...)
	h := crc32.NewIEEE()
	buf := make([]byte, sumBuffer)
	for _, rel := range files {
		if err := sumFile(h, fsys, path.Join(dir, rel), rel, buf); err != nil {
			return "", err
		}
	}
	if err := l.rep.err(); err != nil {
		return "", err
	}
	return strconv.FormatUint(uint64(h.Sum32()), 16), nil
}

// sumBuffer is what SourceSum reads at a time: larger than most story
// files, so one read each, without a copy of the whole file.
const sumBuffer = 32 << 10

// sumFile adds one file to h: its name, its length, then its bytes.
// Length-prefixed, so no two folders give the same stream.
func sumFile(h io.Writer, fsys fs.FS, name, rel string, buf []byte) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	h.Write([]byte(rel + "\x00" + strconv.FormatInt(st.Size(), 10) + "\x00"))
	_, err = io.CopyBuffer(h, f, buf)
	return err
}
