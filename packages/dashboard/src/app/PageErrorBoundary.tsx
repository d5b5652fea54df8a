import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from '../components/ErrorState.tsx';

/** A page that throws while rendering shows an error state instead of a blank screen; the shell keeps working. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept out of the console log on purpose: the error is shown on the page; the stack goes to debug.
    console.debug('page error', error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <ErrorState error={this.state.error} retry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
