/** The facts of one trace profile as Settings shows them: its code call and output as it writes them, stop, how it runs, the answer. */
import { semanticsFor } from '../../core/exec/semantics/profile';
import type { ProjectSemantics } from '../../core/exec';
import { renderCode, renderOutput } from '../../core/profiles';
import type { TraceProfile } from '../../core/profiles/types';

const SEMANTICS_TEXT: Record<string, string> = {
  cort: "CoRT's replay (the program rebuilt at every call)",
  notebook: 'a live namespace per sample',
  fresh: 'each call alone in a fresh interpreter',
  none: 'not run in the studio (the tool is someone else’s)',
};

const visible = (text: string) => JSON.stringify(text).slice(1, -1);

export function SettingsProfileFacts({ profile, semantics }: { profile: TraceProfile; semantics: ProjectSemantics }) {
  const runs = semanticsFor(profile, semantics);
  return (
    <dl className="settings-profile__facts">
      <dt>code call</dt>
      <dd>
        <code data-testid="settings-profile-code">{visible(renderCode('print(1)', profile))}</code>
      </dd>
      <dt>output</dt>
      <dd>
        <code data-testid="settings-profile-output">{visible(renderOutput('1', profile))}</code>
      </dd>
      <dt>stop</dt>
      <dd>{profile.continuation.stop.length ? profile.continuation.stop.map((s) => <code key={s}>{visible(s)}</code>) : 'none (end of turn)'}</dd>
      <dt>runs</dt>
      <dd data-testid="settings-profile-semantics">
        {SEMANTICS_TEXT[runs] ?? runs}
        {profile.execution.semantics === 'cort' && ' — the project’s choice below'}
      </dd>
      <dt>answer</dt>
      <dd>{profile.answer.boundary ? <>after <code>{visible(profile.answer.boundary)}</code>, last \boxed</> : 'the last \\boxed'}</dd>
    </dl>
  );
}
