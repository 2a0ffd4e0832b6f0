// Summarises a CPU profile of the Temporal server (a Go binary whose symbol table is stripped but
// whose .gopclntab is not): reads `perf script -F comm,tid,time,ip,dso` on stdin, names each
// frame from the binary's pclntab, and prints a Markdown summary — where the server's CPU goes by
// package, by persistence operation and by SQLite entry point.
//
//	perf script -i perf.data -F comm,tid,time,ip,dso | go run ./tools/bench/temporal-profile <temporal binary>
package main

import (
	"bufio"
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type sample []string // frames, innermost first

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: perf script -F comm,tid,time,ip,dso | temporal-profile <temporal binary>")
		os.Exit(2)
	}
	binary := os.Args[1]
	table, loadAddress := symbols(binary)
	samples := read(os.Stdin, binary, table, loadAddress)
	if len(samples) == 0 {
		fmt.Fprintln(os.Stderr, "no samples on stdin")
		os.Exit(1)
	}
	report(samples)
}

func symbols(binary string) (*gosym.Table, uint64) {
	f, err := elf.Open(binary)
	if err != nil {
		fail("cannot read %s: %v", binary, err)
	}
	section := f.Section(".gopclntab")
	if section == nil {
		fail("%s has no .gopclntab: not a Go binary", binary)
	}
	pcln, err := section.Data()
	if err != nil {
		fail("cannot read .gopclntab: %v", err)
	}
	table, err := gosym.NewTable(nil, gosym.NewLineTable(pcln, f.Section(".text").Addr))
	if err != nil {
		fail("cannot parse .gopclntab: %v", err)
	}
	// perf prints an unresolved frame as an offset into its file: add the first segment's address.
	var load uint64
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			load = p.Vaddr - p.Off
			break
		}
	}
	return table, load
}

func read(in *os.File, binary string, table *gosym.Table, load uint64) []sample {
	var samples []sample
	var current sample
	inSample := false
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.TrimSpace(line) == "" {
			if inSample {
				samples = append(samples, current)
			}
			current, inSample = nil, false
			continue
		}
		if line[0] != '\t' && line[0] != ' ' {
			current, inSample = sample{}, true
			continue
		}
		fields := strings.Fields(line)
		pc, err := strconv.ParseUint(fields[0], 16, 64)
		dso := ""
		if len(fields) > 1 {
			dso = strings.Trim(strings.Join(fields[1:], " "), "()")
		}
		name := dso
		if err == nil && strings.HasSuffix(dso, baseName(binary)) {
			name = "?"
			if fn := table.PCToFunc(pc + load); fn != nil {
				name = fn.Name
			}
		}
		current = append(current, name)
	}
	if inSample {
		samples = append(samples, current)
	}
	return samples
}

func baseName(path string) string { return path[strings.LastIndex(path, "/")+1:] }

var packageOf = regexp.MustCompile(`^((?:[\w.\-]+/)*[\w.\-]+?)\.`)

func pkg(frame string) string {
	if strings.HasPrefix(frame, "[") || strings.HasPrefix(frame, "/") {
		return frame // [kernel.kallsyms], [vdso], a shared library
	}
	if m := packageOf.FindStringSubmatch(frame); m != nil {
		return m[1]
	}
	return frame
}

type row struct {
	name  string
	count int
}

func top(counts map[string]int, n int) []row {
	rows := make([]row, 0, len(counts))
	for k, v := range counts {
		rows = append(rows, row{k, v})
	}
	sort.Slice(rows, func(i, j int) bool {
		return rows[i].count > rows[j].count || rows[i].count == rows[j].count && rows[i].name < rows[j].name
	})
	if len(rows) > n {
		rows = rows[:n]
	}
	return rows
}

func inclusive(samples []sample, match func(string) bool) int {
	n := 0
	for _, s := range samples {
		for _, f := range s {
			if match(f) {
				n++
				break
			}
		}
	}
	return n
}

func report(samples []sample) {
	total := float64(len(samples))
	pct := func(n int) string { return fmt.Sprintf("%.1f %%", 100*float64(n)/total) }
	fmt.Printf("%d samples.\n\n", len(samples))

	self := map[string]int{}
	for _, s := range samples {
		if len(s) > 0 {
			self[pkg(s[0])]++
		}
	}
	fmt.Println("| Self time by package | share |\n|---|---|")
	for _, r := range top(self, 12) {
		fmt.Printf("| `%s` | %s |\n", r.name, pct(r.count))
	}

	areas := []struct{ name, pattern string }{
		{"SQLite (modernc.org/sqlite: SQLite compiled to Go), its file I/O included", `modernc\.org/(sqlite|libc)`},
		{"of which fsync", `_unixSync|fdatasync|fsync`},
		{"persistence layer (common/persistence)", `go\.temporal\.io/server/common/persistence`},
		{"visibility store (search attributes, the UI's list)", `common/persistence/visibility`},
		{"history service", `go\.temporal\.io/server/service/history`},
		{"matching service (task queues)", `go\.temporal\.io/server/service/matching`},
		{"frontend service", `go\.temporal\.io/server/service/frontend`},
		{"gRPC (in-process too: frontend → history → matching)", `google\.golang\.org/grpc`},
		{"protobuf", `google\.golang\.org/protobuf`},
		{"garbage collector", `runtime\.(gcBgMarkWorker|gcDrain|bgsweep|scanobject|gcAssistAlloc)`},
		{"idle spinning (runtime.usleep, findRunnable)", `runtime\.(usleep|findRunnable|stealWork)`},
	}
	fmt.Println("\n| Where the time goes (a sample counts once where any frame matches) | share |\n|---|---|")
	for _, a := range areas {
		rx := regexp.MustCompile(a.pattern)
		fmt.Printf("| %s | %s |\n", a.name, pct(inclusive(samples, rx.MatchString)))
	}

	operation := regexp.MustCompile(`common/persistence/sql\.\(\*?(\w+)\)\.(\w+)$`)
	ops := map[string]int{}
	for _, s := range samples {
		seen := map[string]bool{}
		for _, f := range s {
			if m := operation.FindStringSubmatch(f); m != nil && !seen[m[1]+"."+m[2]] {
				seen[m[1]+"."+m[2]] = true
				ops[m[1]+"."+m[2]]++
			}
		}
	}
	fmt.Println("\n| Persistence operation (inclusive) | share |\n|---|---|")
	for _, r := range top(ops, 12) {
		fmt.Printf("| `%s` | %s |\n", r.name, pct(r.count))
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "temporal-profile: "+format+"\n", args...)
	os.Exit(1)
}
