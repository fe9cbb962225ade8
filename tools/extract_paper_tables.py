#!/usr/bin/env python3
"""Transcribes the paper's result tables (2-9) from its text into
repro/src/main/resources/paper/tables.tsv: the PAPER's numbers, one cell per line.
Run from the repository root: python3 tools/extract_paper_tables.py [paper.txt]"""
import re
import sys
lines = open(sys.argv[1] if len(sys.argv) > 1 else '../shared/paper/slash-jrwarp-paper.txt', encoding='utf-8').read().split('\n')
SUB = str.maketrans('₀₁₂₃₄₅₆₇₈₉', '0123456789')
def label(s):
    s = s.replace('\\mathbf{z}', 'z').replace('\\mathbf{W}_l', 'W_l').replace('\\mathbf{0}', '0')
    s = s.replace('\\mathcal{N}', 'N').replace('\\mathcal{U}', 'U').replace('\\mathbf{I}', 'I')
    s = s.replace('\\in', 'in').replace('\\{', '{').replace('\\}', '}')
    s = re.sub(r'\s*([₀-₉]+)', lambda m: '_' + m.group(1).translate(SUB), s)
    s = s.replace('$', '').replace('_{', ' ').replace('_[', '[').replace('{', '').replace('}', '')
    s = re.sub(r'\s+_\s*', ' ', s)
    s = s.replace('<i>', '').replace('</i>', '')
    return re.sub(r'\s+', ' ', s).strip()
def cell(s):
    s = s.strip()
    if s in ('-', ''): return None, None
    m = re.match(r'^([0-9.]+)\s*\\pm\s*([0-9.]+)$', s)
    if m: return m.group(1), m.group(2)
    return s, None
out = ['table\tpart\trow\tparams\tcolumn\tvalue\tstd']
def block(start, end, table, part, columns, params_col=True, section_rows=False, label_cols=1):
    section = ''
    for i in range(start - 1, end):
        raw = lines[i]
        if not raw.strip(): continue
        parts = raw.split('\t')
        if section_rows and all(not p.strip() for p in parts[1:]):
            section = label(parts[0]); continue
        name = ' '.join(label(p) for p in parts[:label_cols])
        if section: name = section + ' / ' + name
        rest = parts[label_cols:]
        params = ''
        if params_col:
            params, rest = rest[0].strip(), rest[1:]
        assert len(rest) == len(columns), (table, raw, rest, columns)
        for c, v in zip(columns, rest):
            val, std = cell(v)
            if val is None: continue
            out.append('\t'.join([table, part, name, params, c, val, std or '']))
GLUE = ['MNLI', 'QQP', 'QNLI', 'SST-2', 'CoLA', 'STS-B', 'MRPC', 'RTE', 'Avg']
def find(text, after=0):
    for i in range(after, len(lines)):
        if lines[i].startswith(text): return i + 1
    raise KeyError(text)
h = find('Method\t# Params\tMNLI (392,702)')
block(h + 1, find('Table 2:') - 1, '2', 'roberta-large', GLUE)
h = find('Method\t% params\tMNLI')
block(h + 1, find('Table 3:') - 1, '3', 'roberta-base', GLUE)
h = find('Method\t# params\tTest\tValidation')
block(h + 1, find('Table 4:') - 1, '4', 'bert-base-cased', ['Test', 'Validation'])
h = find('Method\tTime (s)\tMemory (GB)')
block(h + 1, find('(a) RoBERTa-large') - 1, '5', 'roberta-large', ['Time (s)', 'Memory (GB)'], params_col=False)
h = find('Method\tTime (s)\tMemory (GB)', h)
block(h + 1, find('(b) RoBERTa-base') - 1, '5', 'roberta-base', ['Time (s)', 'Memory (GB)'], params_col=False)
h = find('\tMNLI\tQQP\tQNLI\tSST-2')
block(h + 1, find('(a) Finetuning with RoBERTa-large') - 1, '6', 'roberta-large', ['MNLI', 'QQP', 'QNLI', 'SST-2'], params_col=False, section_rows=True)
h = find('\tMNLI\tQQP\tQNLI\tSST-2', h)
block(h + 1, find('(b) Finetuning with RoBERTa-base') - 1, '6', 'roberta-base', ['MNLI', 'QQP', 'QNLI', 'SST-2'], params_col=False, section_rows=True)
h = find('\tPosition\tMNLI')
block(h + 1, find('Table 7:') - 1, '7', 'roberta-base', GLUE, params_col=False, label_cols=2)
h = find('Initialization\tSST-2\tCoLA')
block(h + 1, find('Table 8:') - 1, '8', 'roberta-large', ['SST-2', 'CoLA', 'STS-B', 'MRPC', 'RTE', 'Avg'], params_col=False)
h = find('Model\tMNLI\tQQP')
start = h + 1
end = find('Table 9:') - 1
# Table 9 has model section rows with no tabs
section = ''
for i in range(start - 1, end):
    raw = lines[i]
    if not raw.strip(): continue
    if '\t' not in raw.strip():
        section = raw.strip(); continue
    parts = raw.split('\t')
    name = label(parts[0])
    for c, v in zip(GLUE, parts[1:]):
        val, std = cell(v)
        if val is None: continue
        out.append('\t'.join(['9', section.lower(), name, '', c, val, std or '']))
open('repro/src/main/resources/paper/tables.tsv', 'w', encoding='utf-8').write('\n'.join(out) + '\n')
print(len(out) - 1, 'cells')
