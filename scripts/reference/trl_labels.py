#!/usr/bin/env python3
"""The DPO and step-label (PRM) records a Hint Studio project should export, computed from the
project file (a studio backup) by a reader of our own, written from the formats' definitions
and not from the studio's code:

    python3 scripts/reference/trl_labels.py BACKUP.json

prints {"dpo": [...], "prm": [...]} for every sample of the backup, in export order (by id).

TRL's formats (docs: dataset_formats.md):
- Preference, standard form with an explicit prompt: {"prompt", "chosen", "rejected"}, strings;
  DPOTrainer tokenizes prompt + chosen and prompt + rejected.
- Stepwise supervision (PRMTrainer): {"prompt", "completions": [step, ...], "labels": [bool, ...]},
  one label per step; TRL's PRM800K conversion (examples/datasets/prm800k.py) sets
  label = (rating == 1) and stops at the first step rated -1.

What the studio's annotation means (DESIGN.md section 1 and 3, docs/trace-profiles.md):
- A hint cut keeps the original continuation as a branch with reason "cut" and the offset it
  was cut at: prompt = the chat-templated prompt + the trace before the cut, chosen = the trace
  from the cut as annotated, rejected = the branch's text. The DeepSeek-R1-Distill-Qwen template
  with add_generation_prompt renders "<|begin_of_sentence|><|User|>{prompt}<|Assistant|><think>\n"
  (the model's full-width tokens below).
- Steps: prose and answer segments split into paragraphs (a paragraph starts at the first
  non-blank line after a blank line or the segment start); each code, output and think-end
  segment is one step; whitespace between steps belongs to the step before; the first step
  starts at 0. A step label is keyed "<segment id>#<n>" (n-th step of that segment). For a PRM
  record an output and the think-end boundary join the step before them; steps are labelled up
  to the first bad one; trailing whitespace of a step is dropped (PRMTrainer adds its own
  separator). A sample with no label, or an unlabelled step before the first error, gives no record.
Offsets in the backup are JavaScript string indices (UTF-16); this reader works on UTF-16 units.
"""
import json
import re
import sys

BOS, USER, ASSISTANT = '<\uff5cbegin\u2581of\u2581sentence\uff5c>', '<\uff5cUser\uff5c>', '<\uff5cAssistant\uff5c>'


def templated(prompt):
    return f'{BOS}{USER}{prompt}{ASSISTANT}<think>\n'


def u16(text):
    return text.encode('utf-16-le')


def u16_slice(text, start, end=None):
    units = u16(text)
    return units[start * 2:(None if end is None else end * 2)].decode('utf-16-le')


def render(segments):
    return ''.join(s['text'] for s in segments)


def paragraph_starts(text):
    starts, after_blank, pos = [], True, 0
    while pos < len(text):
        nl = text.find('\n', pos)
        end = len(text) if nl == -1 else nl + 1
        blank = not re.search(r'\S', text[pos:end])
        if not blank and after_blank:
            starts.append(pos)
        after_blank = blank
        pos = end
    return starts


def steps(segments):
    """[(step id, kind, text)] tiling the rendered trace."""
    text = render(segments)
    starts, offset = [], 0
    for seg in segments:
        if seg['kind'] in ('prose', 'answer'):
            for n, local in enumerate(paragraph_starts(seg['text'])):
                starts.append((offset + local, seg['kind'], f"{seg['id']}#{n}"))
        else:
            starts.append((offset, seg['kind'], f"{seg['id']}#0"))
        offset += len(seg['text'])
    if not starts:
        return []
    starts[0] = (0,) + starts[0][1:]
    return [(sid, kind, text[at:(starts[i + 1][0] if i + 1 < len(starts) else len(text))]) for i, (at, kind, sid) in enumerate(starts)]


def prm_record(sample):
    labels = sample.get('stepLabels') or {}
    units = []
    for sid, kind, text in steps(sample['trace']['segments']):
        if kind in ('output', 'think-end') and units:
            units[-1][1] += text
        elif kind in ('output', 'think-end'):
            units.append([None, text])  # before any step: joins the next (never the case in our traces)
        else:
            if units and units[-1][0] is None:
                units[-1] = [sid, units[-1][1] + text]
            else:
                units.append([sid, text])
    units = [u for u in units if u[1].strip()]
    if not any(labels.get(sid) for sid, _ in units):
        return None
    completions, flags = [], []
    for sid, text in units:
        label = labels.get(sid)
        if label is None:
            return None
        completions.append(text.rstrip())
        flags.append(label['rating'] == 1)
        if label['rating'] == -1:
            break
    return {'prompt': sample['prompt'], 'completions': completions, 'labels': flags}


def dpo_records(sample):
    response = render(sample['trace']['segments'])
    records = []
    for branch in sample.get('branches', []):
        if branch['reason'] != 'cut':
            continue
        rejected = render(branch['segments'])
        records.append({'prompt': templated(sample['prompt']) + u16_slice(response, 0, branch['at']), 'chosen': u16_slice(response, branch['at']), 'rejected': rejected})
    return records


def main(path):
    with open(path, encoding='utf-8') as f:
        backup = json.load(f)
    samples = sorted(backup['samples'], key=lambda s: s['id'])
    dpo = [r for s in samples for r in dpo_records(s)]
    prm = [r for r in (prm_record(s) for s in samples) if r is not None]
    json.dump({'dpo': dpo, 'prm': prm}, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1])
