import { type ButtonHTMLAttributes, forwardRef } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost';
}

/** The app's button: a real <button>, so it is focusable, named by its text and keyboard-operable. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'secondary', className, type = 'button', ...rest }, ref) {
  return <button ref={ref} type={type} className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')} {...rest} />;
});
