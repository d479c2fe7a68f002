// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegisterButton, type RegisterButtonProps, type RegisterView } from '@/components/register/RegisterButton';
import { defaultChangeNotice, validateAlias, validateModelName } from '@/lib/register';

const ready: Extract<RegisterView, { status: 'ready' }> = {
  status: 'ready',
  models: [{ key: 'a', label: 'model' }],
  modelKey: 'a',
  target: { name: 'Churn', exists: true, nextVersion: 4 },
  writeTags: true,
};

function props(overrides: Partial<RegisterButtonProps> = {}): RegisterButtonProps {
  return {
    view: ready,
    searchModels: async () => [],
    validateName: (name, existing) => validateModelName(name, { existing }),
    validateAlias,
    defaultChangeNotice: (name) => defaultChangeNotice(ready.target, name),
    suggestNotes: async () => ({
      description: 'Registered by Lens from run crawling-mole-592.',
      tags: [
        { key: 'lens.source_run_id', value: '0123' },
        { key: 'lens.best.val_loss', value: '0.3164@12' },
      ],
    }),
    onRegister: vi.fn(),
    onRetry: vi.fn(),
    onChooseModel: vi.fn(),
    ...overrides,
  };
}

async function openMenu(p: RegisterButtonProps) {
  render(<RegisterButton {...p} />);
  fireEvent.click(screen.getByRole('button', { name: 'Registration options' }));
  await screen.findByRole('list', { name: "Lens's tags" });
  return screen.getByRole('dialog', { name: 'Register options' });
}

afterEach(cleanup);

describe('the register menu', () => {
  it('shows the tags Lens writes, with their rounded values, before anything is sent', async () => {
    await openMenu(props());
    const tags = screen.getByRole('list', { name: "Lens's tags" });
    expect(tags.textContent).toContain('lens.source_run_id = 0123');
    expect(tags.textContent).toContain('lens.best.val_loss = 0.3164@12');
    expect((screen.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement).value).toBe('Registered by Lens from run crawling-mole-592.');
  });

  it('reports a bad name beside the name field as it is typed, and registers nothing', async () => {
    const p = props();
    await openMenu(p);
    const name = screen.getByRole('textbox', { name: 'Registered model' });
    expect(name.getAttribute('aria-invalid')).toBeNull();
    fireEvent.input(name, { target: { value: 'bad/name' } });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const help = document.getElementById(name.getAttribute('aria-describedby')!)!;
    expect(help.getAttribute('role')).toBe('alert');
    expect(help.textContent).toContain('"/"');
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(p.onRegister).not.toHaveBeenCalled();
    fireEvent.input(name, { target: { value: 'Churn' } });
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('says when another name would change the one-click default of the other runs', async () => {
    await openMenu(props());
    const name = screen.getByRole('textbox', { name: 'Registered model' });
    expect(document.getElementById('reg-name-help')!.textContent).not.toContain('Other runs');
    fireEvent.input(name, { target: { value: 'Churn-exp' } });
    expect(document.getElementById('reg-name-help')!.textContent).toContain('Other runs of this experiment will then register to "Churn-exp" in one click, not to "Churn".');
  });

  it('an unticked "Add Lens\'s tags" goes with the registration', async () => {
    const p = props();
    await openMenu(p);
    fireEvent.click(screen.getByRole('checkbox', { name: /Add Lens's tags/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(p.onRegister).toHaveBeenCalledWith(expect.objectContaining({ name: 'Churn', writeTags: false }));
  });

  it('a bad alias is reported beside the alias field', async () => {
    const p = props();
    await openMenu(p);
    const alias = screen.getByRole('textbox', { name: 'Alias (optional)' });
    fireEvent.input(alias, { target: { value: 'latest' } });
    expect(alias.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(alias.getAttribute('aria-describedby')!)!.textContent).toContain('reserved');
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    expect(p.onRegister).not.toHaveBeenCalled();
  });
});
