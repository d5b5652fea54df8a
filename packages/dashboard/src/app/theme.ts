/** Dark mode follows the system setting, live (PatternFly's dark theme class on the root element). */
export function followSystemTheme(): void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.classList.toggle('pf-v6-theme-dark', query.matches);
  apply();
  query.addEventListener('change', apply);
}
