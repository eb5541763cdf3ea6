/**
 * Who is coding, in the top bar. In the single-user app: "Coding as NAME"; clicking it sets the name,
 * saved in the preferences (every new annotation records it, and it travels in W3C, REFI-QDA and CSV
 * exports). On a team server the coder is the signed-in account: "Signed in as NAME (role)", the
 * role's rights in its title, and a button to sign out.
 */
import type { CoderInfo } from '../../app/common/contract';
import { ROLE_RIGHTS } from '../../app/common/teamSession';
import { api, errorMessage } from '../api';
import { signOut, teamMe } from '../team/session';
import { h } from '../ui/dom';
import { textDialog } from '../ui/dialogs';
import { toastError } from '../ui/toast';

const SOURCES: Record<CoderInfo['source'], string> = {
  option: 'given with --coder when Lectern started',
  env: 'given by LECTERN_CODER when Lectern started',
  preference: 'saved in your preferences',
  system: 'your user name on this computer',
  team: 'your account on this team server',
};

export class CoderControl {
  readonly el: HTMLElement;
  private readonly button = h('button', { class: 'button small coder-button', testid: 'coder-button' });
  private info: CoderInfo | null = null;

  constructor() {
    const me = teamMe();
    if (me) {
      // The account is the coder: nothing to rename, and its role is fixed by the team's owner.
      this.el = h(
        'div',
        { class: 'coder-control', testid: 'coder-control' },
        h(
          'span',
          { class: 'coder-account', testid: 'coder-account', title: `As ${me.role}, you ${ROLE_RIGHTS[me.role]}.`, attrs: { tabindex: 0 } },
          `Signed in as ${me.name} (${me.role})`,
        ),
        h('button', { class: 'button small', testid: 'sign-out', on: { click: () => void signOut().catch(toastError) } }, 'Sign out'),
      );
      return;
    }
    this.el = h('div', { class: 'coder-control' }, this.button);
    this.el.hidden = true;
    this.button.addEventListener('click', () => void this.change());
  }

  /** Shows who is coding, as the tag store last heard it (it asks once per refresh, for both). */
  update(info: CoderInfo | null): void {
    if (teamMe()) return;
    // No tag store (the corpus could not be read): nothing is coded, so no coder to show.
    if (!info) this.el.hidden = true;
    else this.show(info);
  }

  private show(info: CoderInfo): void {
    this.info = info;
    this.el.hidden = false;
    this.button.textContent = `Coding as ${info.name || '(no name)'}`;
    this.button.title = `New tags are recorded as ${info.name || 'nobody'}'s (${SOURCES[info.source]}). Click to change.${
      info.coders.length > 1 ? ` Coders in this corpus: ${info.coders.map((c) => c || '(none recorded)').join(', ')}.` : ''
    }`;
  }

  private async change(): Promise<void> {
    const fixed = this.info && (this.info.source === 'option' || this.info.source === 'env');
    const saved = await textDialog<CoderInfo>({
      testid: 'coder-dialog',
      title: 'Who is coding?',
      body: [
        h('p', null, 'Your name is recorded on every passage you tag, so a team can compare its coders and no export loses who coded what.'),
        ...(fixed ? [h('p', { class: 'muted' }, `For this session the name was ${SOURCES[this.info!.source]}; it stays in use until Lectern restarts.`)] : []),
      ],
      label: 'Name',
      value: this.info?.name ?? '',
      placeholder: 'Empty: your user name on this computer',
      ok: 'Save',
      maxLength: 60,
      submit: (name) => api.setCoder({ name }),
      describeError: errorMessage,
    });
    if (saved) this.show(saved);
  }
}
